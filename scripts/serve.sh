#!/usr/bin/env bash
# Builds the course and serves it at http://127.0.0.1:8080, rebuilding on every change.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
step "Serving on http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release
