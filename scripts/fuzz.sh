#!/usr/bin/env bash
# Fuzzes the native core with cargo fuzz (libFuzzer): token decoding, stored sessions,
# server responses through the sign-in state machine, SRP challenge parameters, and the
# JSON parser itself (round trips of whatever it accepts).
# Each target runs for FUZZ_SECONDS (default 60); the corpus under fuzz/corpus/ is kept
# and grows with every run. Exits non-zero on any finding (crash, panic, leak, OOM).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"jwt stored_session responses srp_params json"}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# cargo fuzz needs nightly-only flags; the machine has one stable toolchain, and
# RUSTC_BOOTSTRAP lets it accept them.
export RUSTC_BOOTSTRAP=1

for target in $TARGETS; do
  mkdir -p "fuzz/corpus/$target"
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s"
  log="fuzz/target/$target.log"
  mkdir -p fuzz/target
  status=0
  cargo fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -malloc_limit_mb=256 -max_len=8192 -print_final_stats=1 \
    > "$log" 2>&1 || status=$?
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|INFO: seed corpus|SUMMARY)|panicked" "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $target found a problem (exit $status; log $log; input in fuzz/artifacts/$target)"
    tail -40 "$log"
    exit 1
  fi
  # Keep the committed corpus small: only inputs that add coverage.
  cargo fuzz cmin --fuzz-dir fuzz "$target" "fuzz/corpus/$target" > "fuzz/target/$target.cmin.log" 2>&1 || true
done
echo "fuzzing: no findings"
