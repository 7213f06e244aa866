import { defineConfig } from "prisma/config";

// The CLI only needs a URL for commands that connect (e.g. `prisma migrate deploy` on a
// machine with network access). `prisma generate` works without one.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/console" },
});
