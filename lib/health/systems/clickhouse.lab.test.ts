import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { probeClickHouse, tableStats } from "./clickhouse";

describe("probeClickHouse (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("is ok: version 18.16.1 answered with our login, market_ticks' rows from system.parts", async () => {
    const health = await probeClickHouse(labContext());
    expect(health).toMatchObject({ status: "ok", figures: { version: "18.16.1" } });
    expect(health.figures.rows).toBeGreaterThan(5);
    expect(health.figures.runningQueries).toBeGreaterThanOrEqual(0);
    expect(health.figures.lastInsertAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(health.reasons).toEqual([expect.stringMatching(/^ClickHouse 18\.16\.1, \d+ quer(y|ies) running$/), expect.stringMatching(/^market_ticks [\d,]+ rows$/)]);
  });

  it("gives the service page rows, bytes and last insert of a service's tables", async () => {
    const result = await tableStats(labContext());
    expect(result).toMatchObject({ ok: true, value: [{ name: "market_ticks", exists: true }] });
    if (result.ok) expect(result.value[0]!.bytes).toBeGreaterThan(0);
  });

  it("is degraded when a table the pipeline writes to is missing", async () => {
    const yaml = "services:\n  - name: enrichment-service\n    clickhouse:\n      tables: [market_ticks, enriched_ticks]\n";
    const health = await probeClickHouse(labContext({ yaml }));
    expect(health).toMatchObject({ status: "degraded", reasons: expect.arrayContaining(["missing table: enriched_ticks"]) });
  });

  it("is unknown with a wrong password (no password in the reasons), unknown (grey) when unreachable or hung, not_configured without a URL", async () => {
    const wrong = await probeClickHouse(labContext({ overrides: { CLICKHOUSE_PASSWORD: "wrong-ch-probe" } }));
    expect(wrong).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^unauthorized: /)] });
    expect(JSON.stringify(wrong)).not.toContain("wrong-ch-probe");
    const port = await closedPort();
    expect(await probeClickHouse(labContext({ overrides: { CLICKHOUSE_URL: `http://127.0.0.1:${port}` } }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^unreachable: /)] });
    expect(await probeClickHouse(labContext({ overrides: { CLICKHOUSE_URL: `http://127.0.0.1:${hole.port}` }, deadlineMs: 400 }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout: /)] });
    expect(await probeClickHouse(labContext({ overrides: { CLICKHOUSE_URL: undefined } }))).toMatchObject({ status: "not_configured" });
  });
});
