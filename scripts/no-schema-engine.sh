#!/bin/sh
# Stands in the place of Prisma's native schema-engine binary, which Prisma's CLI would
# otherwise download at start (this machine reaches package registries only).
# `prisma generate` never runs it; anything that does (migrate dev, db push) fails here
# with this message. Migrations are made with `npm run db:migration -- <name>` and applied
# with `npm run db:migrate` (schema-engine-wasm + our own runner, see docs/architecture.md).
echo "schema-engine binary is not available offline: use 'npm run db:migration -- <name>' and 'npm run db:migrate'" >&2
exit 1
