#!/usr/bin/env bash
# Builds the app's WebAssembly with each simulation in a chunk of its own, loaded the first time
# that simulation is shown (Trunk runs this before every build, see Trunk.toml):
#   1. cargo builds the release wasm with `--cfg split`, which makes each simulation's view a
#      split point (src/sims/mod.rs), and keeps the relocations the splitter needs;
#   2. wasm-split-cli cuts it into the main module and the chunks, plus the loader
#      `__wasm_split.js`;
#   3. wasm-bindgen writes the JavaScript glue for the main module (keeping the exports the
#      chunks link against);
#   4. wasm-opt (binaryen from npm) shrinks every module.
# The result goes into Trunk's staging folder under app/; index.html starts app/boot.js.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

out="${TRUNK_STAGING_DIR:-dist}/app"
work="target/split"
name=asyncio-course

RUSTFLAGS="--cfg erase_components --cfg split -C link-arg=--emit-relocs" \
  cargo build --offline --quiet --release --target wasm32-unknown-unknown --bin "$name" \
  --target-dir "$work"

rm -rf "$work/chunks" "$work/bindgen" "$out"
mkdir -p "$work/chunks" "$work/bindgen" "$out"
wasm-split-cli "$work/wasm32-unknown-unknown/release/$name.wasm" "$work/chunks" --out-name "$name"
wasm-bindgen --target web --no-typescript --keep-lld-exports \
  --out-dir "$work/bindgen" --out-name "$name" "$work/chunks/$name.wasm"

# wasm-split-cli leaves a local-names subsection binaryen does not know; it says so once per
# module. Only that line is dropped, every other message is shown.
quiet() { "$@" 2> >(grep -v 'unknown name subsection' >&2); }
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
quiet wasm-opt -Oz "${features[@]}" "$work/bindgen/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
for chunk in "$work/chunks"/chunk_*.wasm "$work/chunks"/split_*.wasm; do
  quiet wasm-opt -Oz "${features[@]}" "$chunk" -o "$out/$(basename "$chunk")"
done
cp "$work/bindgen/$name.js" "$work/chunks/__wasm_split.js" "$out/"

# Which files each simulation's view needs (its module and the chunks it shares), read from the
# loader, so that boot.js can fetch them beside the main module when the address names one.
sim_files=$(python3 - "$out/__wasm_split.js" <<'PY'
import json, re, sys
loader = open(sys.argv[1]).read()
files = {}
for view, deps in re.findall(r"__wasm_split_load_(\w+)_view = .*?\n, \[([^\]]*)\]", loader, re.S):
    chunks = [f"{d.strip().lstrip('_')}.wasm" for d in deps.split(",") if d.strip()]
    files[view.replace("_", "-")] = [f"split_{view}_view.wasm", *chunks]
print(json.dumps(files, separators=(",", ":")))
PY
)

# The start: one small module, so index.html carries no inline script.
{
  cat <<'JS'
// Starts the course: loads the main WebAssembly module; simulations load their own chunks.
import init from "./asyncio-course.js";

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
JS
  echo "const SIMULATION_FILES = $sim_files;"
  cat <<'JS'
for (const file of SIMULATION_FILES[simulation?.[1]] ?? []) preload(new URL(file, import.meta.url).href);

const wasm = await init({ module_or_path: new URL("./asyncio-course_bg.wasm", import.meta.url) });
// The long-run check (scripts/soak.mjs) reads the size of the WebAssembly memory here.
globalThis.courseWasmMemory = wasm.memory;
JS
} >"$out/boot.js"
