import { createServer, connect as tcpConnect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { closeRedisClients, redisUrl } from "./client";
import { info } from "./info";
import { inspectKeys, scanKeys } from "./scan";

/** Against the lab's Redis 7.0 (127.0.0.1:56379, no password), where both services keep rate_limit:* counters. */
describe("Redis connector (lab)", () => {
  const context = labContext();
  const url = redisUrl(context.catalog.systems.redis, context.env)!;
  let hole: Awaited<ReturnType<typeof blackHole>>;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(async () => {
    await hole.close();
    await closeRedisClients();
  });

  it("reads INFO: version, role, memory, clients, uptime, and a ping time", async () => {
    const result = await info(url, 2_000);
    expect(result).toMatchObject({ ok: true, value: { version: expect.stringMatching(/^7\.0\./), role: "master", maxMemoryBytes: 256 * 1024 * 1024, maxMemoryPolicy: "noeviction" } });
    if (!result.ok) return;
    // the two services' rate limiters and this client
    expect(result.value.connectedClients).toBeGreaterThanOrEqual(3);
    expect(result.value.usedMemoryBytes).toBeGreaterThan(100_000);
    expect(result.value.uptimeSeconds).toBeGreaterThan(0);
    expect(result.value.pingMs).toBeGreaterThanOrEqual(0); // how fast: bench/health.ts
  });

  it("scans rate_limit:* keys and reads their counters and TTLs (set to two 10 s windows)", async () => {
    const scan = await scanKeys(url, "rate_limit:*", { deadlineMs: 2_000 });
    expect(scan).toMatchObject({ ok: true, value: { complete: true, stoppedBy: null } });
    if (!scan.ok) return;
    expect(scan.value.keys.length).toBeGreaterThan(0);
    for (const key of scan.value.keys) expect(key).toMatch(/^rate_limit:(normalization|enrichment)-service:\d+:\d+$/);
    const samples = await inspectKeys(url, scan.value.keys.slice(0, 10), 2_000);
    expect(samples.ok).toBe(true);
    if (!samples.ok) return;
    const live = samples.value.filter((sample) => sample.type === "string");
    expect(live.length).toBeGreaterThan(0);
    for (const sample of live) {
      expect(Number(sample.value)).toBeGreaterThanOrEqual(1);
      expect(sample.ttlMs).toBeGreaterThan(0);
      expect(sample.ttlMs).toBeLessThanOrEqual(20_000);
    }
  });

  it("stops at maxKeys and says the scan is incomplete; a pattern that matches nothing is complete and empty", async () => {
    const cut = await scanKeys(url, "rate_limit:*", { deadlineMs: 2_000, maxKeys: 1, count: 10 });
    expect(cut).toMatchObject({ ok: true, value: { complete: false, stoppedBy: "max_keys", keys: [expect.stringMatching(/^rate_limit:/)] } });
    expect(await scanKeys(url, "lab_test_nothing_here:*", { deadlineMs: 2_000 })).toMatchObject({ ok: true, value: { keys: [], complete: true } });
  });

  it("says unauthorized for a user the server does not know, without the password", async () => {
    const result = await info("redis://nobody:wrong-redis-pass@127.0.0.1:56379", 2_000);
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized", message: "Redis refused the login (WRONGPASS)" } });
    expect(JSON.stringify(result)).not.toContain("wrong-redis-pass");
  });

  it("says unreachable for a closed port and timeout for a server that never answers, within the deadline", async () => {
    const port = await closedPort();
    expect(await info(`redis://127.0.0.1:${port}`, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    expect(await info(`redis://127.0.0.1:${hole.port}`, 400)).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("reconnects on the next call once Redis is back, without retrying in between", async () => {
    // A TCP relay to the lab's Redis that is first closed, then listening on the same port.
    const port = await closedPort();
    const relayed = `redis://127.0.0.1:${port}`;
    expect(await info(relayed, 1_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    let accepted = 0;
    const sockets: Socket[] = [];
    const relay: Server = createServer((inbound) => {
      accepted++;
      const outbound = tcpConnect(56379, "127.0.0.1");
      sockets.push(inbound, outbound);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on("error", () => outbound.destroy());
      outbound.on("error", () => inbound.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(port, "127.0.0.1", () => resolve()));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing reconnected in the background while it was down.
      expect(accepted).toBe(0);
      expect(await info(relayed, 2_000)).toMatchObject({ ok: true, value: { role: "master" } });
      expect(await info(relayed, 2_000)).toMatchObject({ ok: true });
      // One connection, reused.
      expect(accepted).toBe(1);
    } finally {
      await closeRedisClients();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  // How fast a warm call is belongs to bench/health.ts (the warm sweep); here: the one client per URL keeps answering.
  it("answers a warm call on the same client", async () => {
    expect(await info(url, 2_000)).toMatchObject({ ok: true });
    expect(await info(url, 2_000)).toMatchObject({ ok: true });
  });
});
