#!/usr/bin/env bash
# Builds the course and serves it at http://127.0.0.1:8080, rebuilding on every change.
#   scripts/serve.sh           the release build, as learners get it (split, optimised)
#   scripts/serve.sh --debug   a quick debug build: one module, rebuilt in seconds
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
case "${1:-}" in
  --debug)
    step "Serving a debug build on http://127.0.0.1:8080 (Ctrl+C stops)"
    exec trunk serve ;;
  "")
    step "Serving on http://127.0.0.1:8080 (Ctrl+C stops)"
    exec trunk serve --release ;;
  *)
    echo "usage: scripts/serve.sh [--debug]" >&2
    exit 2 ;;
esac
