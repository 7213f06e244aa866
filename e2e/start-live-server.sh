#!/usr/bin/env bash
# Starts one of the two console processes that share one real PostgreSQL in the live
# journeys (e2e/incidents.spec.ts). Server "a" prepares the database and the accounts;
# server "b" waits for that, so the two never race over it.
#   e2e/start-live-server.sh a|b PORT
set -euo pipefail
cd "$(dirname "$0")/.."
role=$1 port=$2
marker=.e2e-live-ready
server=$(bash scripts/test-postgres.sh start)
url="${server%/postgres}/console_e2e_live"
if [ "$role" = a ]; then
  rm -f "$marker"
  psql "$server" -q -c "DROP DATABASE IF EXISTS console_e2e_live WITH (FORCE)" -c "CREATE DATABASE console_e2e_live"
  export DATABASE_URL="$url"
  npx tsx scripts/db-migrate.ts
  for account in l1:lena.live@254carbon.com l2:sam.live@254carbon.com l3:pat.live@254carbon.com viewer:vic.live@254carbon.com; do
    echo "live-password-123" | npx tsx --conditions=react-server scripts/cli.ts user add --role "${account%%:*}" --email "${account#*:}" --password-stdin >/dev/null
  done
  touch "$marker"
else
  for _ in $(seq 1 240); do [ -f "$marker" ] && break; sleep 0.5; done
fi
export DATABASE_URL="$url" PORT="$port" NEXTAUTH_URL="http://localhost:$port" CONSOLE_CONFIG=e2e/console.config.yaml
export NEXTAUTH_SECRET=e2e-only-secret-0123456789abcdef0123456789 DATA_DIR=".e2e-data-live-$role"
exec npx tsx scripts/start.ts
