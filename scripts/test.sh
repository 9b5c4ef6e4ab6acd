#!/usr/bin/env bash
# Every test: native Rust (SRP known answers against the JS SDK included), wasm in
# Chromium, the project's emulator, and end-to-end pages in Chromium against ministack
# and the emulator. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=${CI:-}

# Servers this run starts are stopped when it ends, on success, failure or Ctrl-C; one
# that was already running (say from `npm run demo`) is left alone.
MINISTACK_PIDFILE=target/logs/ministack.pid
ministack_pidfile_ours=0
running() { # pid, name: a live process (not a zombie) whose command line names `name`
  local s
  s=$(ps -p "$1" -o stat=,args= 2>/dev/null) || return 1
  [[ $s != Z* && $s == *"$2"* ]]
}
stop_servers() {
  # ministack.sh writes the pid file only when it starts ministack, and this run removed
  # it first: whatever it names now was started during this run (by the step below, or
  # by a test that found ministack gone and started it again).
  if [ "$ministack_pidfile_ours" = 1 ] && [ -f "$MINISTACK_PIDFILE" ]; then
    local pid
    pid=$(cat "$MINISTACK_PIDFILE")
    if running "$pid" ministack; then
      echo "== stopping ministack (pid $pid), started by this run"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do running "$pid" ministack || break; sleep 0.2; done
      if running "$pid" ministack; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$MINISTACK_PIDFILE"
  fi
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash scripts/setup.sh

echo; echo "== native tests (cargo test --workspace)"
cargo test --workspace --quiet

echo; echo "== house rules (cargo fmt --check, clippy -D warnings)"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# src/js (the browser edge) only compiles for wasm32.
cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings
# The shipped configuration: `no_std`, own panic handler and allocator (src/lib.rs).
cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings --cfg shipped

echo; echo "== local Cognito servers"
mkdir -p "$(dirname "$MINISTACK_PIDFILE")"
rm -f "$MINISTACK_PIDFILE"
ministack_pidfile_ours=1
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
