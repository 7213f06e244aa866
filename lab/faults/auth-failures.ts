/**
 * auth-failures: trading-desk-a's API key is revoked and risk-desk-b's has expired; their
 * requests get 401s from both services. Heal: regenerate (here: reactivate and extend)
 * the keys, the runbook's "Regenerate API keys".
 */
import pg from "pg";
import { setFault } from "../core/fault-state.ts";
import { PIPELINE_DB_URL } from "../core/paths.ts";
import { CLIENT_KEYS, sha256 } from "../core/pipeline-data.ts";
import type { Fault } from "./fault.ts";

async function sql(text: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: PIPELINE_DB_URL, application_name: "lab-faults" });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

const [deskA, deskB] = CLIENT_KEYS;

export const authFailures: Fault = {
  name: "auth-failures",
  runbook: "Security Issues › Authentication Failures",
  description: `API key of ${deskA.owner} revoked (is_active = false), key of ${deskB.owner} expired: 401s`,
  inject: async () => {
    setFault("auth-failures", true);
    await sql("UPDATE api_keys SET is_active = false WHERE key_hash = $1", [sha256(deskA.plain)]);
    await sql("UPDATE api_keys SET expires_at = now() - interval '1 hour' WHERE key_hash = $1", [sha256(deskB.plain)]);
  },
  heal: async () => {
    await sql("UPDATE api_keys SET is_active = true, expires_at = now() + interval '180 days' WHERE key_hash = ANY($1)", [[sha256(deskA.plain), sha256(deskB.plain)]]);
    setFault("auth-failures", false);
  },
};
