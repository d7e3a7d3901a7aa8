#!/usr/bin/env bash
# Installs (when absent) and starts a throwaway Redis for the shared-state suites; prints the URL tests use.
set -euo pipefail
port=6379
if ! command -v redis-server >/dev/null; then
  apt-get install -y --no-install-recommends redis-server >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends redis-server >&2; }
fi
if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >&2
fi
for _ in $(seq 1 30); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.2
done
echo "redis://127.0.0.1:${port}/0"
