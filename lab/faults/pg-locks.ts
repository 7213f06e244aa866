/**
 * pg-locks: a stuck maintenance job holds an ACCESS EXCLUSIVE lock on api_keys in an open
 * transaction and leaks 20 idle connections (max_connections is 50). API key lookups queue
 * behind the lock (wait_event_type Lock in pg_stat_activity) and time out: 503s.
 * Heal: end the job (its backend terminates, the lock goes).
 */
import path from "node:path";
import { setFault } from "../core/fault-state.ts";
import { LAB_SRC } from "../core/paths.ts";
import { livePid, startDetached, stopPid, waitFor } from "../core/proc.ts";
import type { Fault } from "./fault.ts";

const WORKER = path.join(LAB_SRC, "faults", "workers", "pg-locker.ts");

export const pgLocks: Fault = {
  name: "pg-locks",
  runbook: "Database Issues › PostgreSQL Issues",
  description: "a stuck job holds ACCESS EXCLUSIVE on api_keys and 20 idle connections: key lookups wait on the lock",
  inject: async () => {
    setFault("pg-locks", true);
    if (!livePid("fault-pg-locker", WORKER)) startDetached("fault-pg-locker", process.execPath, ["--import", "tsx", WORKER]);
    await waitFor("pg-locker holding the lock", () => livePid("fault-pg-locker", WORKER) !== null, 10_000);
  },
  heal: async () => {
    await stopPid("fault-pg-locker", WORKER);
    setFault("pg-locks", false);
  },
};
