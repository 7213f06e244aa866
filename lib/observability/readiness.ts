import "server-only";
import { dbHandle } from "@/lib/db/client";
import { migrationStatus } from "@/lib/db/migrations";
import { isDatabaseUnavailable } from "@/lib/errors";

export interface Readiness {
  ready: boolean;
  checks: {
    database: "ok" | "unreachable" | "error";
    migrations: "ok" | "pending" | "failed" | "unknown";
  };
  pendingMigrations: string[];
}

/** Is the database reachable and fully migrated? Never throws; bounded by the pool's 3 s connect timeout. */
export async function checkReadiness(): Promise<Readiness> {
  let client;
  try {
    client = await dbHandle().pool.connect();
  } catch (error) {
    return {
      ready: false,
      checks: { database: isDatabaseUnavailable(error) ? "unreachable" : "error", migrations: "unknown" },
      pendingMigrations: [],
    };
  }
  try {
    const status = await migrationStatus(client);
    const migrations = status.failed.length ? "failed" : status.pending.length ? "pending" : "ok";
    return { ready: migrations === "ok", checks: { database: "ok", migrations }, pendingMigrations: status.pending };
  } catch {
    return { ready: false, checks: { database: "error", migrations: "unknown" }, pendingMigrations: [] };
  } finally {
    client.release();
  }
}
