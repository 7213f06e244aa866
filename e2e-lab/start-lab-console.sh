#!/usr/bin/env bash
# The console as `npm run demo` runs it (the lab's endpoints from `npm run lab -- env`), on
# :3104 against its own database in the test PostgreSQL, with one L1 account. For the lab
# journeys (playwright.lab.config.ts); the lab must be up.
set -euo pipefail
cd "$(dirname "$0")/.."
server=$(bash scripts/test-postgres.sh start)
url="${server%/postgres}/console_e2e_lab"
psql "$server" -q -c "DROP DATABASE IF EXISTS console_e2e_lab WITH (FORCE)" -c "CREATE DATABASE console_e2e_lab"
export DATABASE_URL="$url"
npx tsx scripts/db-migrate.ts
echo "lab-journey-password-1" | npx tsx --conditions=react-server scripts/cli.ts user add --role l1 --email lena.lab@254carbon.com --password-stdin >/dev/null
# operations journeys: the levels above L1
echo "lab-journey-password-1" | npx tsx --conditions=react-server scripts/cli.ts user add --role l2 --email sam.lab@254carbon.com --password-stdin >/dev/null
echo "lab-journey-password-1" | npx tsx --conditions=react-server scripts/cli.ts user add --role l3 --email pia.lab@254carbon.com --password-stdin >/dev/null
eval "$(npx tsx lab/cli.ts env)"
export PORT=3104 NEXTAUTH_URL="http://localhost:3104" DATA_DIR=".e2e-data-lab"
export NEXTAUTH_SECRET=e2e-only-secret-0123456789abcdef0123456789
exec npx tsx scripts/start.ts
