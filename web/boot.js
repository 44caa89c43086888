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

// A link to a simulation or its embed: the files of its code, beside the main module.
const simulation = /^#\/(?:sim|embed)\/([a-z-]+)/.exec(location.hash);
for (const file of SIMULATION_FILES[simulation?.[1]] ?? []) preload(new URL(file, import.meta.url).href);

const wasm = await init({ module_or_path: new URL("./asyncio-course_bg.wasm", import.meta.url) });
// The long-run check (scripts/soak.mjs) reads the size of the WebAssembly memory here.
globalThis.courseWasmMemory = wasm.memory;
