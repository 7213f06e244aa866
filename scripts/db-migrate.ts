/** `npm run db:migrate`: applies pending migrations as DATABASE_MIGRATION_URL (the owner) or DATABASE_URL, or to the embedded database. */
import pg from "pg";
import { applyMigrations } from "../lib/db/migrations";
import { openDatabase } from "./open-database";

const database = process.env.DATABASE_MIGRATION_URL
  ? { url: process.env.DATABASE_MIGRATION_URL, close: async () => {} }
  : await openDatabase();
const client = new pg.Client({ connectionString: database.url });
try {
  await client.connect();
  const applied = await applyMigrations(client);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the schema is up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await database.close();
}
