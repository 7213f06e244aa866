import "server-only";
import { getDb } from "@/lib/db/client";
import { deliverNotifications } from "@/lib/notifications/deliver-notifications";
import { pruneFailures } from "@/lib/auth/throttle";
import { unauthenticatedAudit } from "@/lib/audit/unauthenticated-audit";
import { consoleBaseUrl } from "@/lib/server/base-url";
import { expireHandoffs } from "./expire-handoffs";

/**
 * Background work of every console process: the acknowledgement timer (every second), the
 * notification outbox (every two seconds), dropping sign-in failures too old to matter
 * for throttling and writing the closed windows' tallies of 401s (every minute). Safe to run in every replica; see the two
 * use cases for how each row is handled once. A tick never overlaps the previous one.
 */
function every(ms: number, name: string, task: () => Promise<unknown>) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      console.error(`[worker ${name}]`, (error as Error).message);
    } finally {
      running = false;
    }
  }, ms);
  timer.unref();
}

const globalForWorkers = globalThis as unknown as { consoleWorkersStarted?: boolean };

export function startWorkers() {
  if (globalForWorkers.consoleWorkersStarted || process.env.CONSOLE_WORKERS === "off") return;
  globalForWorkers.consoleWorkersStarted = true;
  every(1_000, "ack-timer", () => expireHandoffs({ db: getDb(), baseUrl: consoleBaseUrl() }));
  every(2_000, "notifications", () => deliverNotifications({ db: getDb() }));
  every(60_000, "sign-in-failures", () => pruneFailures(getDb()));
  every(60_000, "unauthenticated-tallies", () => unauthenticatedAudit.flush(getDb()));
}
