#!/usr/bin/env bash
# Starts the machine's PostgreSQL (installed, stopped) for the storage suites and prints the URL tests use.
# Idempotent: a running cluster is left as it is. Runs as root (CI), switching to the postgres user for psql.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get install -y --no-install-recommends postgresql >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends postgresql >&2; }
fi
version="$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')"
cluster="$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')"
port="$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')"
if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -qc \"alter user postgres password 'postgres'\"" >&2
echo "postgres://postgres:postgres@127.0.0.1:${port}/postgres"
