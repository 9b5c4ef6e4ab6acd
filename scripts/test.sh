#!/usr/bin/env bash
# Every test: native Rust (SRP known answers against the JS SDK included), wasm in
# Chromium, the project's emulator, and end-to-end pages in Chromium against ministack
# and the emulator. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=${CI:-}

bash scripts/setup.sh

echo; echo "== native tests (cargo test --workspace)"
cargo test --workspace --quiet

echo; echo "== house rules (cargo fmt --check, clippy -D warnings)"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# src/js (the browser edge) only compiles for wasm32.
cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings

echo; echo "== local Cognito servers"
bash scripts/ministack.sh

echo; echo "== wasm tests in headless Chromium (wasm-pack test)"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome

echo; echo "== build the npm package (npm run build)"
npm run build

echo; echo "== the panic-probe test build (tests/e2e/panic.test.mjs)"
node scripts/build.mjs --features panic-probe --out target/pkg-panic-probe

echo; echo "== emulator, end-to-end and demo tests in Chromium (node --test)"
# A per-test time limit: a test that hangs fails (and names itself) instead of stalling CI.
node --test --test-concurrency=1 --test-timeout=180000 tests/emulator/ tests/e2e/ tests/packaging/

echo; echo "== fuzzing the native core (scripts/fuzz.sh, ${FUZZ_SECONDS:-15}s per target)"
FUZZ_SECONDS=${FUZZ_SECONDS:-15} bash scripts/fuzz.sh
