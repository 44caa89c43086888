// Starts the course: loads the main WebAssembly module; simulations load their own chunks.
// scripts/build-wasm.sh puts this file beside the module, with simulation-files.js, the files
// each simulation's code needs (written from the splitter's loader by the build).
import init from "./asyncio-course.js";
import SIMULATION_FILES from "./simulation-files.js";

/** Starts downloading `href` now; a later fetch() of the same address is answered from it. */
function preload(href) {
  const link = Object.assign(document.createElement("link"), {
    rel: "preload", as: "fetch", crossOrigin: "anonymous", href,
  });
  document.head.append(link);
}

// A link to a lesson section: its text starts downloading now, beside the WebAssembly, and the
// app's own fetch of it is answered from this preload. The language is chosen as the app
// chooses it (src/i18n.rs): the stored choice, else the browser's first known language, else
// Russian; a wrong guess costs one unused download.
const section = /^#\/learn\/([a-z0-9-]+)/.exec(location.hash);
if (section) {
  let stored = null;
  try { stored = localStorage.getItem("asyncio-course.lang"); } catch { /* storage off */ }
  const known = (code) => ["ru", "en"].find((lang) => code?.toLowerCase().split(/[-_]/)[0] === lang);
  const lang = known(stored) ?? navigator.languages.map(known).find(Boolean) ?? "ru";
  preload(`lessons/${lang}/${section[1]}.html`);
}

/** Calls `then` once the page's first content has painted (at once when it has). */
function afterFirstPaint(then) {
  if (performance.getEntriesByName("first-contentful-paint").length > 0) return then();
  try {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName("first-contentful-paint").length === 0) return;
      observer.disconnect();
      then();
    });
    observer.observe({ type: "paint", buffered: true });
  } catch {
    setTimeout(then, 0);
  }
}

// A link to a simulation or its embed: the files of its code, as soon as the page's title and
// text have painted (the app waits for that paint too): on a slow link the text does not share
// the bandwidth with a simulation's chunks, which are most of the bytes.
const simulation = /^#\/(?:sim|embed)\/([a-z-]+)/.exec(location.hash);
const files = SIMULATION_FILES[simulation?.[1]] ?? [];
if (files.length > 0) {
  afterFirstPaint(() => files.forEach((file) => preload(new URL(file, import.meta.url).href)));
}

const wasm = await init({ module_or_path: new URL("./asyncio-course_bg.wasm", import.meta.url) });
// The long-run check (scripts/soak.mjs) reads the size of the WebAssembly memory here.
globalThis.courseWasmMemory = wasm.memory;
