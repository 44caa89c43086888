#!/usr/bin/env bash
# Writes the service worker for the build in Trunk's staging folder (Trunk runs this after every
# build, see Trunk.toml): the list of files to keep for offline study and a version that is a
# hash of their contents, so every change to the course is a new cache and an "updated" note.
# Usage: scripts/offline.sh [folder]   (default: $TRUNK_STAGING_DIR, else dist)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
site="${1:-${TRUNK_STAGING_DIR:-dist}}"
cd "$site"

# Everything but the demo deck (reveal.js, for teachers online), what other sites read of the
# course (link-preview pictures, oEmbed descriptions, the sitemap, robots.txt), the host
# headers and the worker.
mapfile -t files < <(find . -type f ! -path './public/deck/*' ! -name _headers ! -name sw.js \
  ! -name preview.png ! -name oembed.json ! -name sitemap.xml ! -name robots.txt \
  -printf '%P\n' | LC_ALL=C sort)
version=$(cat "${files[@]}" | sha256sum | cut -c1-16)
list=$(printf '"%s",' "./" "${files[@]}")
sed -e "s|__VERSION__|$version|" -e "s|__FILES__|[${list%,}]|" "$here/web/sw.js" >sw.js
echo "service worker: ${#files[@]} files, version $version"
