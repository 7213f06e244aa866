#!/usr/bin/env bash
# `npm run test:lab`: the tier that needs the lab. Brings the lab up (idempotent; `up` runs
# `lab install` first: Debian packages, Maven jars, Go builds, cached after the first), runs the
# connector/check/lab tests against its real servers, then the browser journeys that
# inject its faults, then the short load soak (scripts/soak.ts --short). Builds the console first when no build exists (npm test builds it).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m=== %s\033[0m\n' "$1"; }

step "Lab up (install first)"
npx tsx lab/cli.ts up

step "Lab tests (connectors, checks, the runbook's commands against the lab)"
npx vitest run --project lab

if [ ! -f .next/BUILD_ID ]; then
  step "Build"
  npm run build
fi

step "Lab journeys (Playwright, Chromium)"
npx playwright test -c playwright.lab.config.ts

step "Load soak, short form (20 responders, 30 s: 0 errors; latencies and memory printed)"
npx tsx scripts/soak.ts --short
