#!/usr/bin/env bash
# `npm run demo`: installs what is missing, builds the package and the demo app, starts a
# local Cognito (ministack) with a fresh user pool, and serves the demo on
# http://127.0.0.1:${DEMO_PORT:-8080}/ until Ctrl-C. ministack is stopped on exit when this
# script started it. The confirmation code on ministack is always 123456.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "set-up"
bash scripts/setup.sh

step "package (npm run build)"
npm run build

step "ministack"
PORT=${MINISTACK_PORT:-4566}
already_up=0
if curl -s -o /dev/null -m 2 "http://127.0.0.1:$PORT/"; then already_up=1; fi
bash scripts/ministack.sh
if [ "$already_up" = 0 ] && [ -f target/logs/ministack.pid ]; then
  ministack_pid=$(cat target/logs/ministack.pid)
  trap 'echo; echo "stopping ministack (pid $ministack_pid)"; kill "$ministack_pid" 2>/dev/null || true' EXIT
fi

step "demo app (webpack → www/dist)"
node_modules/.bin/webpack --config webpack.config.js --mode production

step "user pool and app client (www/dist/config.json)"
node scripts/demo-config.mjs

step "serving"
# Not exec: the EXIT trap above must run after the server stops.
node scripts/demo-serve.mjs &
server=$!
trap_int() { kill "$server" 2>/dev/null || true; }
trap trap_int INT TERM
wait "$server" || true
