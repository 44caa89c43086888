// Starts the demo deck (a file of its own: the site's Content-Security-Policy runs no inline
// script). Slides are 1280×800, the embeds' 16:10.
Reveal.initialize({ hash: true, width: 1280, height: 800, margin: 0.02, center: false });
