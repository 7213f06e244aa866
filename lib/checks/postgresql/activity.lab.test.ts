import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "@/test/eventually";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { activityCheck } from "./activity";

describe("postgresql.activity (lab)", () => {
  const opened: pg.Client[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((client) => client.end().catch(() => undefined)));
  });
  const connect = async () => {
    const client = new pg.Client({ connectionString: labContext().env.PIPELINE_DATABASE_URL, application_name: "lab-test-locker" });
    client.on("error", () => undefined);
    await client.connect();
    opened.push(client);
    return client;
  };

  it("counts the services' connections against max_connections and is ok in the healthy lab", async () => {
    const own = await connect();
    const settings = (await own.query("SELECT current_setting('max_connections')::int AS max, current_setting('superuser_reserved_connections')::int AS reserved")).rows[0];
    const result = await runCheck(activityCheck, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(new RegExp(`^\\d+/${settings.max} connections \\(\\d+ idle.*\\), 0 waiting on locks, `));
    expect(result.data!.maxConnections).toBe(settings.max);
    expect(result.data!.usableConnections).toBe(settings.max - settings.reserved);
    // The services keep connections to check API keys; this test's own is one of them.
    expect(result.data!.sessions.some((session) => session.application === "lab-test-locker")).toBe(true);
  });

  it("warns about a session waiting on a lock, names who blocks it, and about a query over slowQuerySeconds", async () => {
    // An advisory lock: blocks nothing the pipeline uses.
    const holder = await connect();
    const waiter = await connect();
    const key = 900_000 + (process.pid % 1000);
    await holder.query("SELECT pg_advisory_lock($1)", [key]);
    const waiting = waiter.query("SELECT pg_advisory_lock($1)", [key]).catch(() => undefined);
    // Polled until the waiter has waited past the 1 s line (not a fixed sleep: a loaded machine is slower).
    const result = await eventually(
      () => runCheck(activityCheck, labContext({ yaml: "thresholds:\n  slowQuerySeconds: 1\n" }), {}),
      (outcome) => /longest active [1-9]\d*\.\d s \(lab-test-locker\)$/.test(outcome.summary) && (outcome.data?.waitingOnLocks ?? 0) > 0,
      30_000,
      300,
    );
    expect(result.verdict).toBe("warn");
    expect(result.summary).toMatch(/, [1-9]\d* waiting on locks, longest active [1-9]\d*\.\d s \(lab-test-locker\)$/);
    const blocked = result.data!.sessions.find((session) => session.application === "lab-test-locker" && session.waitEvent === "Lock:advisory");
    expect(blocked?.blockedBy).toHaveLength(1);
    expect(blocked!.query).toContain("pg_advisory_lock");
    await holder.query("SELECT pg_advisory_unlock($1)", [key]);
    await waiting;
  });

  it("warns when connections pass thresholds.connectionsWarn", async () => {
    const result = await runCheck(activityCheck, labContext({ yaml: "thresholds:\n  connectionsWarn: 0.01\n" }), {});
    expect(result.verdict).toBe("warn");
    expect(result.data!.connectionsShare).toBeGreaterThanOrEqual(0.01);
  });
});
