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

// A lesson section's page: its text starts downloading now, beside the WebAssembly, and the
// app's own fetch of it is answered from this preload.
if (page.length === 2 && page[0] === "learn") {
  preload(new URL(`lessons/${lang}/${page[1]}.html`, root).href);
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
const simulation = page.length === 2 && ["sim", "embed"].includes(page[0]) ? page[1] : null;
const files = Object.hasOwn(SIMULATION_FILES, simulation) ? SIMULATION_FILES[simulation] : [];
if (files.length > 0) {
  afterFirstPaint(() => files.forEach((file) => preload(new URL(file, import.meta.url).href)));
}

const wasm = await init({ module_or_path: new URL("./asyncio-course_bg.wasm", import.meta.url) });
// The long-run check (scripts/soak.mjs) reads the size of the WebAssembly memory here.
globalThis.courseWasmMemory = wasm.memory;
