#!/usr/bin/env bash
# Builds the app's WebAssembly with each simulation in a chunk of its own, loaded the first time
# that simulation is shown (Trunk runs this before every build, see Trunk.toml):
#   1. cargo builds the release wasm with `--cfg split`, which makes each simulation's view a
#      split point (src/sims/mod.rs), and keeps the relocations the splitter needs;
#   2. wasm-split-cli cuts it into the main module and the chunks, plus the loader
#      `__wasm_split.js`;
#   3. wasm-bindgen writes the JavaScript glue for the main module (keeping the exports the
#      chunks link against);
#   4. wasm-opt (binaryen from npm) shrinks every module, and esbuild (npm) the scripts.
# The result goes into Trunk's staging folder under app/; index.html starts app/boot.js.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

site="${TRUNK_STAGING_DIR:-dist}"
out="$site/app"
work="target/split"
name=asyncio-course

# A debug serve (scripts/serve.sh --debug) is one unsplit, unoptimised module: quick to rebuild.
if [[ "${TRUNK_PROFILE:-release}" == debug ]]; then
  RUSTFLAGS="--cfg erase_components" cargo build --offline --quiet --target wasm32-unknown-unknown \
    --bin "$name" --target-dir target/debug-wasm
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" \
    "target/debug-wasm/wasm32-unknown-unknown/debug/$name.wasm"
  cp web/boot.js "$out/boot.js"
  echo "export default {}; // a debug build has no split simulations" >"$out/simulation-files.js"
  cp web/offline.js "$site/offline.js"
  exit 0
fi

# A panic message names a dependency's file from its crate's folder (`leptos-0.8.x/src/…`)
# rather than by its full path on the building machine: shorter, and the same on any machine.
remap=()
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  remap+=("--remap-path-prefix=$registry=")
done
RUSTFLAGS="--cfg erase_components --cfg split -C link-arg=--emit-relocs ${remap[*]}" \
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

# The start (web/boot.js, so index.html carries no inline script) and the files each
# simulation's view needs (its module and the chunks it shares), found by running the loader,
# so that boot.js fetches them beside the main module when the address names a simulation.
cp web/boot.js "$out/boot.js"
node scripts/simulation-files.mjs "$out" >"$out/simulation-files.js"

# The scripts of the first load, minified (esbuild from npm): comments and local names out,
# every import and export kept. wasm-bindgen's glue imports the splitter's loader once per
# chunk under one key, which esbuild notes as duplicate keys: the glue's own, and harmless.
minify() {
  esbuild "$1" --minify --format=esm --target=es2022 --charset=utf8 --log-level=error \
    --log-override:duplicate-object-key=silent --outfile="$2" --allow-overwrite
}
for js in "$out"/*.js; do minify "$js" "$js"; done
minify web/offline.js "$site/offline.js"
