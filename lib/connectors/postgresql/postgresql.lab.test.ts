import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { activity } from "./activity";
import { activeApiKeys } from "./api-keys";
import { databaseSize } from "./database-size";
import { postgresOverview } from "./overview";
import { closePipelinePools, pipelineDbUrl, readOnly } from "./pool";
import { slowStatements } from "./statements";

/** Against the lab's pipeline PostgreSQL 15 (postgresql://user:pipeline@127.0.0.1:55432/db). */
describe("pipeline PostgreSQL connector (lab)", () => {
  const context = labContext();
  const url = pipelineDbUrl(context.catalog.systems.postgresql, context.env)!;
  let hole: Awaited<ReturnType<typeof blackHole>>;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(async () => {
    await hole.close();
    await closePipelinePools();
  });

  it("takes the URL from the variable the catalog names", () => {
    expect(url).toBe("postgresql://user:pipeline@127.0.0.1:55432/db");
    expect(pipelineDbUrl(context.catalog.systems.postgresql, {})).toBeNull();
  });

  it("reads pg_stat_activity: the services' connections against max_connections, without its own session", async () => {
    const result = await activity(url, 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.maxConnections).toBeGreaterThanOrEqual(20);
    expect(result.value.connections).toBeGreaterThanOrEqual(1);
    expect(result.value.sessions.every((session) => !session.query.includes("pg_stat_activity"))).toBe(true);
    // The two services check API keys against this database.
    expect(result.value.sessions.some((session) => session.user === "user" && session.database === "db")).toBe(true);
  });

  it("reads the database size like pg_size_pretty, and not_found for a database that does not exist", async () => {
    const result = await databaseSize(url, "db", 2_000);
    expect(result).toMatchObject({ ok: true, value: { database: "db", pretty: expect.stringMatching(/^\d+ (kB|MB)$/) } });
    if (result.ok) expect(result.value.bytes).toBeGreaterThan(1_000_000);
    expect(await databaseSize(url, "no_such_db", 2_000)).toMatchObject({ ok: false, error: { kind: "not_found", message: 'database "no_such_db" does not exist' } });
  });

  it("reads pg_stat_statements by total_exec_time on PostgreSQL 15", async () => {
    const result = await slowStatements(url, 10, 2_000);
    expect(result).toMatchObject({ ok: true, value: { available: true, version: "1.10" } });
    if (!result.ok || !result.value.available) return;
    const totals = result.value.statements.map((statement) => statement.totalMs);
    expect(totals.length).toBeGreaterThan(0);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(result.value.statements.some((statement) => statement.query.includes("api_keys"))).toBe(true);
  });

  it("lists active API keys without key_hash, and names the column it left out", async () => {
    const result = await activeApiKeys(url, 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const owners = result.value.keys.map((key) => key.owner);
    expect(owners).toEqual(expect.arrayContaining(["normalization-service", "enrichment-service", "incident-console", "old-dashboard"]));
    expect(owners).not.toContain("legacy-importer");
    expect(result.value.omittedColumns).toEqual(["key_hash"]);
    expect(JSON.stringify(result.value)).not.toMatch(/[0-9a-f]{64}/);
    expect(result.value.keys.find((key) => key.owner === "old-dashboard")?.expired).toBe(true);
    expect(result.value.keys.find((key) => key.owner === "incident-console")).toMatchObject({ expired: false, expires_at: null });
  });

  it("reads the panel's figures in one round trip", async () => {
    const result = await postgresOverview(url, 2_000);
    expect(result).toMatchObject({ ok: true, value: { version: expect.stringMatching(/^15\./), database: "db" } });
  });

  it("refuses writes (READ ONLY) and stops a statement at statement_timeout, before the deadline", async () => {
    const write = await readOnly(url, 2_000, (client) => client.query("UPDATE api_keys SET owner = owner WHERE false"));
    expect(write).toMatchObject({ ok: false, error: { kind: "bad_response", message: expect.stringContaining("read-only transaction") } });
    const slow = await readOnly(url, 500, (client) => client.query("SELECT pg_sleep(3)"));
    expect(slow).toMatchObject({ ok: false, error: { kind: "timeout" } });
    // The pool is still usable afterwards.
    expect((await databaseSize(url, "db", 2_000)).ok).toBe(true);
  });

  it("says unauthorized for a wrong password, without the password or the URL", async () => {
    const result = await activity("postgresql://user:wrong-pg-secret@127.0.0.1:55432/db", 2_000);
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized" } });
    expect(JSON.stringify(result)).not.toMatch(/wrong-pg-secret|postgresql:\/\//);
  });

  it("says unreachable for a closed port and timeout for a server that never answers, within the deadline", async () => {
    const port = await closedPort();
    expect(await activity(`postgresql://user:pipeline@127.0.0.1:${port}/db`, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    const hung = await activity(`postgresql://user:pipeline@127.0.0.1:${hole.port}/db`, 400);
    expect(hung).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  // How fast a warm call is belongs to bench/health.ts (the warm sweep); here: the pooled connection keeps answering.
  it("answers a warm call on the pooled connection", async () => {
    expect(await postgresOverview(url, 2_000)).toMatchObject({ ok: true });
    expect(await postgresOverview(url, 2_000)).toMatchObject({ ok: true });
  });
});
