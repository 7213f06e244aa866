import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "@/test/eventually";
import { freezableProxy, type FreezableProxy } from "@/test/sockets";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { LISTEN_LIMITS, watchIncident } from "./timeline-bus";

describe("live timeline bus (real PostgreSQL)", () => {
  let database: TestDatabase;
  let proxy: FreezableProxy;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await freezableProxy(Number(url.port));
    url.port = String(proxy.port);
    process.env.DATABASE_URL = url.toString();
    Object.assign(LISTEN_LIMITS, { heartbeatMs: 300, heartbeatTimeoutMs: 300 });
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
    delete process.env.DATABASE_URL;
  });

  it("notices a LISTEN connection that went silent (half-open) and hears changes again", async () => {
    let heard = 0;
    const stop = await watchIncident("incident-half-open", () => heard++);
    const notifier = new pg.Client({ connectionString: database.url });
    await notifier.connect();
    const notify = () => notifier.query("SELECT pg_notify('incident_changes', 'incident-half-open')");
    try {
      await notify();
      expect(await eventually(async () => heard, (count) => count > 0, 5_000, 100)).toBeGreaterThan(0);

      // The socket stays open but nothing passes any more, as when a server vanishes without a FIN.
      proxy.freeze();
      const before = heard;
      const after = await eventually(
        async () => {
          await notify();
          return heard;
        },
        (count) => count > before,
        15_000,
        200,
      );
      expect(after).toBeGreaterThan(before);
    } finally {
      stop();
      await notifier.end();
    }
  });
});
