#!/usr/bin/env bash
# Installs what the course needs to build it (and, with --test, to test it), from package
# registries only, skipping whatever is already there at the right version.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than this toolchain
WASM_SPLIT_VERSION=0.2.4 # wasm_split_cli_support: cuts the app into a main module and chunks
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  step "Installing Trunk $TRUNK_VERSION (about 8 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # Without --locked: its lockfile names a crate version the registry no longer has.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v wasm-split-cli >/dev/null ||
  ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "Installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes, once)"
  cargo install --locked --force wasm_split_cli_support --version "$WASM_SPLIT_VERSION" \
    --features build-binary
fi

if ! npm ls --depth=0 >/dev/null 2>&1; then
  step "Installing npm tools from package-lock.json (wasm-opt, esbuild, Playwright)"
  npm ci --no-audit --no-fund
fi

step "Fetching crates (Trunk then builds offline)"
cargo fetch

if [[ "${1:-}" == "--test" ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v python3 >/dev/null; then
    step "Installing Chromium, ChromeDriver and Python from Debian"
    sudo_if_needed apt-get update
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y chromium chromium-driver python3
  fi
fi
