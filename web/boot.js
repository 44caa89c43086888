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

// The course's root on its host (`/`, or `/course/` when it lives in a folder): this file is
// in its app/ folder. The app reads its addresses below it (src/route.rs).
const root = new URL("../", import.meta.url);
globalThis.courseRoot = root.pathname;
// The page the address names, below the root: `en/learn/gil/` is ["en", "learn", "gil"].
const page = location.pathname.startsWith(root.pathname)
  ? location.pathname.slice(root.pathname.length).split("/").filter(Boolean)
  : [];
const lang = page[0] === "en" ? page.shift() : "ru";

/**
 * Calls `then` once the page's first content has painted (at once when it has), or after
 * `atMost` ms: a page that is not shown (a tab in the background, a frame off-screen) does not
 * paint, and must still start.
 */
function afterFirstPaint(then, atMost = 1000) {
  let done = false;
  const once = () => { if (!done) { done = true; then(); } };
  if (performance.getEntriesByName("first-contentful-paint").length > 0) return once();
  setTimeout(once, atMost);
  try {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName("first-contentful-paint").length === 0) return;
      observer.disconnect();
      once();
    });
    observer.observe({ type: "paint", buffered: true });
  } catch {
    setTimeout(once, 0);
  }
}

// The page file shows the page's text already (src/site.rs): the app's code is fetched once
// that text has painted, so on a slow link the text does not share the bandwidth with it.
await new Promise((resolve) => afterFirstPaint(resolve));

// What the page needs only after its first paint, so that on a slow link its text paints
// first: the web app's manifest (to install the course) and the offline copy (offline.js).
document.head.append(Object.assign(document.createElement("link"), {
  rel: "manifest", href: new URL("../manifest.webmanifest", import.meta.url).href,
}));
import("../offline.js");

// A lesson section's page: the app shows its text from the section's file, fetched now,
// beside the WebAssembly, and the app's own fetch of it is answered from this preload.
if (page.length === 2 && page[0] === "learn") {
  preload(new URL(`lessons/${lang}/${page[1]}.html`, root).href);
}

// A link to a simulation or its embed: the files of its code, beside the main module. Each
// preload starts in a task of its own, after the main module's: together, a simulation's
// dozen or more files made one task of 3-40 ms on the main thread just after the first paint.
const simulation = page.length === 2 && ["sim", "embed"].includes(page[0]) ? page[1] : null;
const files = Object.hasOwn(SIMULATION_FILES, simulation) ? SIMULATION_FILES[simulation] : [];
files.forEach((file) => setTimeout(() => preload(new URL(file, import.meta.url).href)));

const wasm = await init({ module_or_path: new URL("./asyncio-course_bg.wasm", import.meta.url) });
// The long-run check (scripts/soak.mjs) reads the size of the WebAssembly memory here.
globalThis.courseWasmMemory = wasm.memory;
