#!/usr/bin/env bash
# Starts ministack on 127.0.0.1:${MINISTACK_PORT:-4566} unless one already answers there,
# and waits until it is ready. Settings that matter: AUTH=true (else any confirmation code
# is accepted), BIND_HOST=127.0.0.1 (default is 0.0.0.0), and the `cryptography` package
# (else JWT signatures are random bytes). Only when it starts ministack does it write the
# pid to target/logs/ministack.pid, for whoever called it to stop (scripts/test.sh and
# scripts/demo.sh stop the one they started; one already running is left alone).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${MINISTACK_PORT:-4566}
URL="http://127.0.0.1:$PORT"
up() { curl -s -o /dev/null -m 2 "$URL/_ministack/health" || curl -s -o /dev/null -m 2 "$URL/"; }
if up; then echo "ministack already running at $URL"; exit 0; fi
mkdir -p target/logs
AUTH=true BIND_HOST=127.0.0.1 GATEWAY_PORT=$PORT SERVICES=cognito-idp IOT_MTLS_ENABLED=0 SFTP_ENABLED=0 \
  nohup .venv/bin/ministack > target/logs/ministack.log 2>&1 &
echo $! > target/logs/ministack.pid
for _ in $(seq 1 100); do
  if up; then echo "ministack running at $URL (pid $(cat target/logs/ministack.pid))"; exit 0; fi
  sleep 0.2
done
echo "ministack did not start; see target/logs/ministack.log" >&2
tail -20 target/logs/ministack.log >&2
kill "$(cat target/logs/ministack.pid)" 2>/dev/null || true
rm -f target/logs/ministack.pid
exit 1
