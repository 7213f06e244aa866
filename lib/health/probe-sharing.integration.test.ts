import { createServer, type Server } from "node:http";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "@/test/eventually";
import { blackHole, closedPort } from "@/test/sockets";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { HealthCollector, type HealthSnapshot, type PanelDefinition } from "./collector";
import { postgresProbeSharing, type ProbeSharing } from "./probe-sharing";

/**
 * Two console processes on one PostgreSQL, as two collectors with a pool each, probing local
 * backends that count what reaches them: per panel, one probe per interval between both, and
 * both show the same result; a process that dies holding a claim does not grey the other's
 * panel; with the database down, each probes on its own.
 */
const DEADLINE_MS = 300;
const CADENCE_MS = 1_000;
const PANELS = [
  { kind: "service", name: "normalization-service" },
  { kind: "system", name: "kafka" },
] as const;

/** Backends that answer every GET with how many requests reached that path so far. */
interface CountingBackend {
  hits(path: string): number;
  close(): Promise<void>;
  url: string;
}

async function countingBackend(): Promise<CountingBackend> {
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "/";
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ n }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    hits: (path) => counts.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The panels as the console would define them: each probe asks its backend (the figure is the backend's count). */
function panelsOn(backend: CountingBackend): PanelDefinition[] {
  return PANELS.map((panel) => ({
    ...panel,
    probe: async () => {
      const answer = (await (await fetch(`${backend.url}/${panel.name}`, { signal: AbortSignal.timeout(DEADLINE_MS) })).json()) as { n: number };
      return { status: "ok" as const, reasons: [], figures: { requestsSeen: answer.n } };
    },
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two console processes share one probe per panel per interval through the database", () => {
  let database: TestDatabase;
  let backend: CountingBackend;
  const opened: ProbeSharing[] = [];
  const collectors: HealthCollector[] = [];

  const consoleProcess = (sharing: ProbeSharing, definitions = panelsOn(backend)) => {
    const collector = new HealthCollector(definitions, { deadlineMs: DEADLINE_MS, cadenceMs: CADENCE_MS, freshnessMs: 2_000, historyMs: 60_000, sharing });
    collectors.push(collector);
    return collector;
  };
  const sharingOn = (url: string) => {
    const sharing = postgresProbeSharing(url);
    opened.push(sharing);
    return sharing;
  };
  const probes = () => PANELS.map((panel) => backend.hits(`/${panel.name}`));
  /** What a viewer sees of each panel, sparkline points included. */
  const seen = (snapshot: HealthSnapshot) => [...snapshot.services, ...snapshot.systems].map(({ name, status, figures, checkedAt, history }) => ({ name, status, figures, checkedAt, history }));

  beforeAll(async () => {
    database = await createTestDatabase(2);
  });
  afterAll(async () => {
    await database.drop();
  });
  afterEach(async () => {
    collectors.splice(0).forEach((collector) => collector.stop());
    await Promise.all(opened.splice(0).map((sharing) => sharing.close()));
    await backend?.close();
    await database.pool.query(`DELETE FROM "HealthPanelProbe"`);
  });

  it("probes each panel once per interval between both processes, and both show the same result and history", async () => {
    backend = await countingBackend();
    const a = consoleProcess(sharingOn(database.url));
    const b = consoleProcess(sharingOn(database.url));

    await Promise.all([a.sweep(), b.sweep()]);
    expect(probes()).toEqual([1, 1]);
    for (let interval = 2; interval <= 4; interval++) {
      await sleep(CADENCE_MS);
      // Both sweep at the same moment, twice per cadence as their timers do.
      await Promise.all([a.sweep(), b.sweep()]);
      await Promise.all([a.sweep(), b.sweep()]);
      expect(probes()).toEqual([interval, interval]);
    }
    const [seenByA, seenByB] = [seen(a.peek()), seen(b.peek())];
    expect(seenByA.map((panel) => [panel.status, panel.figures.requestsSeen])).toEqual([
      ["ok", 4],
      ["ok", 4],
    ]);
    expect(seenByB).toEqual(seenByA);
    expect(seenByA[0]!.history.requestsSeen!.map(([, value]) => value)).toEqual([1, 2, 3, 4]);
  });

  it("hands a panel over when its holder stops probing (nobody watches it there, or it died after publishing)", async () => {
    backend = await countingBackend();
    const a = consoleProcess(sharingOn(database.url));
    const b = consoleProcess(sharingOn(database.url));
    await a.sweep();
    expect(probes()).toEqual([1, 1]);
    await b.sweep();
    expect(probes()).toEqual([1, 1]);
    // a sweeps no more; its hold lasts its next turn plus half a cadence
    await sleep(CADENCE_MS * 1.5 + 100);
    await b.sweep();
    expect(probes()).toEqual([2, 2]);
    expect(seen(b.peek()).map((panel) => panel.figures.requestsSeen)).toEqual([2, 2]);
  });

  it("a process that dies holding a claim mid-probe does not grey the living one's panel: it probes once the lease ends", async () => {
    backend = await countingBackend();
    const dyingSharing = sharingOn(database.url);
    const hung = consoleProcess(
      dyingSharing,
      PANELS.map((panel) => ({ ...panel, probe: () => new Promise<never>(() => {}) })),
    );
    const living = consoleProcess(sharingOn(database.url));
    const dying = hung.sweep();
    const observer = new pg.Client({ connectionString: database.url });
    await observer.connect();
    const holders = async () => (await observer.query<{ claimedBy: string }>(`SELECT "claimedBy" FROM "HealthPanelProbe" ORDER BY panel`)).rows.map((row) => row.claimedBy);
    try {
      const claimed = await eventually(holders, (rows) => rows.length === 2, 5_000, 20);
      expect(claimed).toEqual([dyingSharing.holder, dyingSharing.holder]);
      // The process is gone before its probes' deadline: nothing of it will be published.
      await dyingSharing.close();

      const snapshot = await living.snapshot();
      expect(seen(snapshot).map((panel) => [panel.name, panel.status, panel.figures.requestsSeen])).toEqual([
        ["normalization-service", "ok", 1],
        ["kafka", "ok", 1],
      ]);
      expect(probes()).toEqual([1, 1]);
      // …and the living process now holds both panels, so it goes on probing them once per interval.
      expect(await holders()).toEqual([opened[1]!.holder, opened[1]!.holder]);
    } finally {
      await observer.end();
      await dying;
    }
  });

  it.each([
    ["stopped", async () => ({ port: await closedPort(), close: async () => {} })],
    ["black-holed", blackHole],
  ] as const)("with the console's database %s, each process probes on its own and both panels answer", async (_fault, start) => {
    backend = await countingBackend();
    const down = await start();
    try {
      const url = `postgresql://console:unused@127.0.0.1:${down.port}/console`;
      const a = consoleProcess(sharingOn(url));
      const b = consoleProcess(sharingOn(url));
      const [seenByA, seenByB] = await Promise.all([a.snapshot(), b.snapshot()]);
      for (const snapshot of [seenByA, seenByB]) expect(seen(snapshot).map((panel) => panel.status)).toEqual(["ok", "ok"]);
      expect(probes()).toEqual([2, 2]);
    } finally {
      await down.close();
    }
  });
});
