#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need on a fresh machine.
# Idempotent: each step is skipped when its tool is already there at the right version.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Rust wasm32 target"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "Rust components (clippy, rustfmt)"
components=$(rustup component list --installed)
for c in clippy rustfmt; do
  grep -q "^$c-" <<<"$components" || rustup component add "$c"
done

# wasm-bindgen-cli must match the exact wasm-bindgen version pinned in Cargo.toml.
WB_VERSION=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
step "wasm-bindgen-cli $WB_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  # Not --locked: its lock file names a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

# twiggy: the per-crate and per-module wasm breakdown `npm run bench` writes to BENCHMARKS.md
# (bench/breakdown.mjs). Pinned so that the breakdown's numbers compare across runs.
TWIGGY_VERSION=0.8.0
step "twiggy $TWIGGY_VERSION"
if [ "$(twiggy --version 2>/dev/null | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
  cargo install twiggy --version "=$TWIGGY_VERSION" --locked
fi

step "wasm-pack"
command -v wasm-pack >/dev/null || cargo install wasm-pack --locked

step "Chromium and ChromeDriver (Debian)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

step "npm dev tools (webpack, playwright-core, binaryen, amazon-cognito-identity-js oracle)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "ministack (local Cognito that verifies SRP) in .venv"
MINISTACK_VERSION=1.5.33
if ! .venv/bin/python -c "import ministack, cryptography, importlib.metadata as m; assert m.version('ministack') == '$MINISTACK_VERSION'" 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet "ministack==$MINISTACK_VERSION" cryptography
fi

step "set-up done"
