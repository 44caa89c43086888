#!/usr/bin/env bash
# Prints the size of the release build's first load (raw and gzip -9) and fails above the
# budget, then what each simulation adds when it is first shown (its chunk; the chunks shared
# between simulations are listed once). Run after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_KB=200 # the whole first load of the home page, gzipped; the goal is 150
GOAL_KB=150

shopt -s nullglob
# The stylesheet is inside every page file (pages/src/main.rs).
files=(dist/index.html dist/app/boot.js dist/app/simulation-files.js dist/app/asyncio-course.js
  dist/app/__wasm_split.js dist/app/asyncio-course_bg.wasm dist/public/favicon.svg
  dist/offline.js dist/manifest.webmanifest)
if [[ ${#files[@]} -lt 9 ]] || ! grep -q '<style>' dist/index.html; then
  echo "dist/ is incomplete; run trunk build --release first" >&2
  exit 1
fi
total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' "file" "raw B" "gzip B"
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done
printf '%-48s %10d %10d\n' "first load" "$total_raw" "$total_gz"
kb=$(((total_gz + 1023) / 1024))
echo "size: first load ${kb} KB gzipped (budget ${BUDGET_KB} KB, goal ${GOAL_KB} KB)"
if ((kb > BUDGET_KB)); then
  echo "size: over budget by $((kb - BUDGET_KB)) KB" >&2
  exit 1
fi

echo
printf '%-48s %10s\n' "loaded when a simulation is first shown" "gzip B"
for f in dist/app/split_*.wasm; do
  printf '%-48s %10d\n' "${f#dist/app/}" "$(gzip -9c "$f" | wc -c)"
done
shared=0
for f in dist/app/chunk_*.wasm; do shared=$((shared + $(gzip -9c "$f" | wc -c))); done
printf '%-48s %10d\n' "shared chunks (each fetched by the first that needs it)" "$shared"

# The service worker stores the whole course after the first load, in the background.
offline=0
while read -r f; do
  offline=$((offline + $(gzip -9c "dist/$f" | wc -c)))
done < <(sed -n 's/^const FILES = \[\(.*\)\];$/\1/p' dist/sw.js | tr ',' '\n' | tr -d '"' | grep -vx '\./')
echo
echo "size: offline copy stored after the first load $(((offline + 1023) / 1024)) KB gzipped"
