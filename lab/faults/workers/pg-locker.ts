/**
 * The pg-locks fault's "stuck maintenance job": locks api_keys in an open transaction and
 * holds 20 more idle connections until it is stopped (SIGTERM closes them all).
 */
import pg from "pg";
import { PIPELINE_DB_URL } from "../../core/paths.ts";

const clients: pg.Client[] = [];
const open = async () => {
  const c = new pg.Client({ connectionString: PIPELINE_DB_URL, application_name: "api-keys-rotation-job" });
  await c.connect();
  clients.push(c);
  return c;
};

const holder = await open();
await holder.query("BEGIN");
await holder.query("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE");
await holder.query("UPDATE api_keys SET created_at = created_at WHERE false"); // the job's first statement
console.log(`${new Date().toISOString()} holding ACCESS EXCLUSIVE on api_keys`);
for (let i = 0; i < 20; i++) await (await open()).query("SELECT 1");
console.log(`${new Date().toISOString()} ${clients.length} connections open`);

const stop = async () => {
  await Promise.allSettled(clients.map((c) => c.end()));
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
setInterval(() => undefined, 60_000);
