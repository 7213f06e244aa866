#!/usr/bin/env bash
# `npm test`: every tier, in the order that fails fastest. Installs what it needs on a fresh
# machine of this kind (Debian's chromium for Playwright; PostgreSQL through
# scripts/test-postgres.sh) and exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m=== %s\033[0m\n' "$1"; }

step "System packages"
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests…"
  apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
fi
echo "chromium: $(chromium --version 2>/dev/null || echo missing)"
[ -d node_modules ] || npm ci
[ -f lib/db/generated/client.ts ] || npm run db:generate

step "Typecheck"
npm run typecheck

step "Lint"
npx eslint --max-warnings=0 .

step "Unit tests"
npx vitest run --project unit

step "Integration tests (real PostgreSQL)"
npx vitest run --project integration

step "Build"
npm run build

step "End-to-end journeys (Playwright, Chromium)"
npx playwright test
