import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { probePostgres } from "./postgresql";

describe("probePostgres (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("is ok: the services' connections against max_connections, no lock waits, db's size", async () => {
    const health = await probePostgres(labContext());
    expect(health).toMatchObject({ status: "ok", figures: { version: expect.stringMatching(/^15\./), waitingOnLocks: 0 } });
    expect(health.figures.connections).toBeGreaterThanOrEqual(1);
    expect(health.figures.maxConnections).toBeGreaterThan(health.figures.connections as number);
    expect(health.figures.databaseBytes).toBeGreaterThan(1_000_000);
    expect(health.reasons[0]).toMatch(/^PostgreSQL 15\.\d+, \d+\/\d+ connections, db \d+\.\d MB$/);
  });

  it("is degraded when connections pass thresholds.connectionsWarn", async () => {
    const health = await probePostgres(labContext({ yaml: "thresholds:\n  connectionsWarn: 0.01\n" }));
    expect(health).toMatchObject({ status: "degraded", reasons: expect.arrayContaining([expect.stringMatching(/^connections at \d+ % of max_connections$/)]) });
  });

  it("is unknown with a wrong password (not in the reasons), unknown (grey) when unreachable or hung, not_configured without the variable", async () => {
    const wrong = await probePostgres(labContext({ overrides: { PIPELINE_DATABASE_URL: "postgresql://user:wrong-pg-probe@127.0.0.1:55432/db" } }));
    expect(wrong).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^unauthorized: /)] });
    expect(JSON.stringify(wrong)).not.toContain("wrong-pg-probe");
    const port = await closedPort();
    expect(await probePostgres(labContext({ overrides: { PIPELINE_DATABASE_URL: `postgresql://user:pipeline@127.0.0.1:${port}/db` } }))).toMatchObject({ status: "unknown" });
    expect(await probePostgres(labContext({ overrides: { PIPELINE_DATABASE_URL: `postgresql://user:pipeline@127.0.0.1:${hole.port}/db` }, deadlineMs: 400 }))).toMatchObject({
      status: "unknown",
      reasons: [expect.stringMatching(/^timeout: /)],
    });
    expect(await probePostgres(labContext({ overrides: { PIPELINE_DATABASE_URL: undefined } }))).toMatchObject({ status: "not_configured" });
  });
});
