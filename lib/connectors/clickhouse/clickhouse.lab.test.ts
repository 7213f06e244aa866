import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { clickhouseTarget, closeClickHouseClients, query, type ClickHouseTarget } from "./client";
import { countRows, invalidPrices } from "./market-ticks";
import { listProcesses } from "./processes";
import { queryLog, recentExceptions } from "./query-log";
import { serverInfo } from "./server";
import { listTables, tableStats } from "./tables";
import { blackHole, closedPort } from "@/test/sockets";

/** Against the lab's ClickHouse 18.16 (HTTP 127.0.0.1:58123, user default without a password). */
describe("ClickHouse connector (lab)", () => {
  const context = labContext();
  const target = clickhouseTarget(context.catalog.systems.clickhouse, context.env)!;
  let hole: Awaited<ReturnType<typeof blackHole>>;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(async () => {
    await hole.close();
    await closeClickHouseClients();
  });

  it("is configured from the catalog and the environment", () => {
    expect(target).toEqual({ url: "http://127.0.0.1:58123", user: "default", password: "", database: "default" });
    expect(clickhouseTarget({ ...context.catalog.systems.clickhouse, url: undefined }, context.env)).toBeNull();
  });

  it("reads the server version with a real query, and sees no other query running as itself", async () => {
    const result = await serverInfo(target, 2_000);
    expect(result).toMatchObject({ ok: true, value: { version: "18.16.1" } });
    if (!result.ok) return;
    expect(result.value.uptimeSeconds).toBeGreaterThan(0);
    expect(result.value.runningQueries).toBeGreaterThanOrEqual(0);
  });

  it("counts market_ticks rows (a string UInt64 on the wire) and finds the table's size in system.parts", async () => {
    const count = await countRows(target, "market_ticks", 2_000);
    expect(count.ok && count.value).toBeGreaterThan(5);
    const stats = await tableStats(target, ["market_ticks", "default.nope"], 2_000);
    expect(stats.ok).toBe(true);
    if (!stats.ok || !count.ok) return;
    const [ticks, nope] = stats.value;
    expect(ticks).toMatchObject({ database: "default", name: "market_ticks", engine: "MergeTree", exists: true });
    // The enrichment service inserts every second: the parts hold about what count() saw.
    expect(ticks!.rows).toBeGreaterThanOrEqual(count.value * 0.9);
    expect(ticks!.bytes).toBeGreaterThan(0);
    expect(ticks!.lastInsertAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(nope).toMatchObject({ name: "nope", exists: false, rows: 0, lastInsertAt: null });
  });

  it("lists the default database's tables with sizes", async () => {
    const result = await listTables(target, "default", 2_000);
    expect(result.ok && result.value.map((table) => table.name)).toContain("market_ticks");
  });

  it("reads rows with non-positive prices as printable samples (none in the healthy lab)", async () => {
    const result = await invalidPrices(target, "market_ticks", 10, 2_000);
    expect(result.ok).toBe(true);
    if (result.ok) for (const row of result.value) expect(Number(row.price)).toBeLessThanOrEqual(0);
  });

  it("lists running queries without the one asking, and reads system.query_log in 18.16's shape", async () => {
    const processes = await listProcesses(target, 2_000);
    expect(processes.ok).toBe(true);
    if (processes.ok) for (const process of processes.value) expect(process.query).not.toContain("FROM system.processes WHERE query_id !=");
    const slowest = await queryLog(target, "slowest", 10, 2_000);
    expect(slowest.ok && slowest.value.length).toBe(10);
    if (!slowest.ok) return;
    const durations = slowest.value.map((entry) => entry.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    const newest = await queryLog(target, "newest", 60, 2_000);
    expect(newest.ok && newest.value.some((entry) => entry.client === "enrichment-service")).toBe(true);
    expect((await recentExceptions(target, 15, 2_000)).ok).toBe(true);
  });

  it("calls a table that does not exist not_found, and a bad identifier a bad response before anything is sent", async () => {
    expect(await countRows(target, "no_such_table", 2_000)).toMatchObject({ ok: false, error: { kind: "not_found", message: expect.stringContaining("doesn't exist") } });
    expect(await countRows(target, "market_ticks; DROP TABLE market_ticks", 2_000)).toMatchObject({ ok: false, error: { kind: "bad_response", message: expect.stringContaining("not an identifier") } });
  });

  it("says unauthorized for a wrong password, without the password (ping() alone would say yes)", async () => {
    // The lab's default user has no password, and 18.16 refuses one that is sent anyway.
    const wrong: ClickHouseTarget = { ...target, password: "wrong-pass-123" };
    const result = await serverInfo(wrong, 2_000);
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized" } });
    expect(JSON.stringify(result)).not.toContain("wrong-pass-123");
    const console: ClickHouseTarget = { ...target, user: "console", password: "not-console-secret" };
    expect(await query(console, "SELECT 1", 2_000)).toMatchObject({ ok: false, error: { kind: "unauthorized" } });
  });

  it("says unreachable for a closed port and timeout for a server that never answers, within the deadline", async () => {
    const port = await closedPort();
    expect(await serverInfo({ ...target, url: `http://127.0.0.1:${port}` }, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    const hung = await serverInfo({ ...target, url: `http://127.0.0.1:${hole.port}` }, 400);
    expect(hung).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  // How fast a warm call is belongs to bench/health.ts (the warm sweep); here: the reused client keeps answering.
  it("answers warm calls on the reused client, in parallel", async () => {
    expect(await serverInfo(target, 2_000)).toMatchObject({ ok: true });
    const [info, stats] = await Promise.all([serverInfo(target, 2_000), tableStats(target, ["market_ticks"], 2_000)]);
    expect(info).toMatchObject({ ok: true });
    expect(stats).toMatchObject({ ok: true });
  });
});
