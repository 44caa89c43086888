// Starts the demo deck (a file of its own: the site's Content-Security-Policy runs no inline
// script). Slides are 1280×720 (16:9); each embed fills its slide and lays itself out for it.
Reveal.initialize({ hash: true, width: 1280, height: 720, margin: 0.02, center: false });
