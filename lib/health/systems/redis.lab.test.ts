import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { probeClickHouse } from "./clickhouse";
import { probePostgres } from "./postgresql";
import { probeRedis } from "./redis";

describe("probeRedis (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("is ok: ping time, memory against the lab's 256 MB maxmemory, clients", async () => {
    const health = await probeRedis(labContext());
    expect(health).toMatchObject({ status: "ok", figures: { role: "master", maxMemoryBytes: 256 * 1024 * 1024 } });
    expect(health.figures.pingMs).toEqual(expect.any(Number)); // how fast: bench/health.ts
    expect(health.figures.connectedClients).toBeGreaterThanOrEqual(3);
    expect(health.reasons[0]).toMatch(/^Redis 7\.0\.\d+ master, ping [\d.]+ ms, [\d.]+ MB of 256\.0 MB memory, \d+ clients$/);
  });

  it("is unknown for a refused login, unknown (grey) when unreachable or hung, not_configured without the variable", async () => {
    const wrong = await probeRedis(labContext({ overrides: { REDIS_URL: "redis://nobody:wrong-redis-probe@127.0.0.1:56379" } }));
    expect(wrong).toMatchObject({ status: "unknown", reasons: ["unauthorized: Redis refused the login (WRONGPASS)"] });
    const port = await closedPort();
    expect(await probeRedis(labContext({ overrides: { REDIS_URL: `redis://127.0.0.1:${port}` } }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^unreachable: /)] });
    expect(await probeRedis(labContext({ overrides: { REDIS_URL: `redis://127.0.0.1:${hole.port}` }, deadlineMs: 400 }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout: /)] });
    expect(await probeRedis(labContext({ overrides: { REDIS_URL: undefined } }))).toMatchObject({ status: "not_configured" });
  });
});

describe("a warm sweep of ClickHouse, PostgreSQL and Redis (lab)", () => {
  // How fast (≤ 300 ms warm) is measured by bench/health.ts; here: all three answer in parallel on open connections.
  it("probes all three in parallel once connections are open", async () => {
    const context = labContext();
    const sweep = () => Promise.all([probeClickHouse(context), probePostgres(context), probeRedis(context)]);
    await sweep();
    const results = await sweep();
    expect(results.map((health) => health.status)).toEqual(["ok", "ok", "ok"]);
  });
});
