// For pages that embed the course's simulations in iframes (slides, blogs). Include it once:
//   <script src="https://YOUR-HOST/public/embed.js" defer></script>
// It listens for the messages the embeds post to their host:
//   {type: "asyncio-course:height", height}: the embed's content height in CSS pixels; the
//     iframe is resized to it, so nothing is cut off and nothing scrolls inside the frame;
//   {type: "asyncio-course:key", key, code, keyCode, shiftKey}: a key the embed does not use
//     (it uses Space, ←, →, R, + and −); it is dispatched on this page, so a slide deck still
//     turns its slides while the simulation has the focus.
// Messages are only taken from an iframe on this page whose address has the message's origin.
(() => {
  const frameOf = (event) =>
    [...document.querySelectorAll('iframe')].find((frame) => {
      if (frame.contentWindow !== event.source) return false;
      try {
        return new URL(frame.src, location.href).origin === event.origin;
      } catch {
        return false;
      }
    });

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('asyncio-course:')) return;
    const frame = frameOf(event);
    if (!frame) return;
    if (data.type === 'asyncio-course:height') {
      const height = Number(data.height);
      if (Number.isFinite(height) && height > 0 && height < 100000) {
        frame.style.height = `${Math.ceil(height)}px`;
      }
    } else if (data.type === 'asyncio-course:key' && typeof data.key === 'string') {
      const key = new KeyboardEvent('keydown', {
        key: data.key,
        code: String(data.code ?? ''),
        shiftKey: Boolean(data.shiftKey),
        bubbles: true,
        cancelable: true,
      });
      // Older slide libraries read keyCode, which the constructor cannot set.
      Object.defineProperty(key, 'keyCode', { get: () => Number(data.keyCode) | 0 });
      Object.defineProperty(key, 'which', { get: () => Number(data.keyCode) | 0 });
      document.dispatchEvent(key);
    }
  });
})();
