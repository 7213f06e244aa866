/**
 * `npm run bench -- health-sharing`: what sharing probes between console processes through
 * PostgreSQL (lib/health/probe-sharing.ts) costs on the overview's path, on the test
 * PostgreSQL (scripts/test-postgres.sh) with 11 panels (the lab's catalog: 2 services,
 * 9 systems) whose backends answer in 5 ms. No lab needed.
 *
 *   an overview request while watched (panels fresh: no database work)   alone vs shared
 *   a sweep's claim statement (11 panels, nothing due)                      ≤ 10 ms
 *   an overview request after a quiet spell: this process probes           alone vs shared
 *   …while another process has just probed: it reads the result            ≤ 10 ms
 *   a process died holding the claims: the living one's first answer      ≤ lease + deadline (5 s)
 */
import { execFileSync } from "node:child_process";
import { HealthCollector, type PanelDefinition } from "../lib/health/collector";
import { postgresProbeSharing, type ProbeSharing } from "../lib/health/probe-sharing";
import { percentile, report, timeRuns } from "./stats";

const OPTIONS = { deadlineMs: 2_000, cadenceMs: 2_000, freshnessMs: 5_000, historyMs: 60_000 };

function panels(prefix: string, probe: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 5))): PanelDefinition[] {
  return Array.from({ length: 11 }, (_, i) => ({
    kind: i < 2 ? ("service" as const) : ("system" as const),
    name: `${prefix}-${i}`,
    probe: async () => (await probe(), { status: "ok" as const, reasons: [], figures: { value: i } }),
  }));
}

export async function run() {
  process.env.TEST_DATABASE_URL ??= execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  const { createTestDatabase } = await import("../test/test-database");
  const database = await createTestDatabase(1);
  const opened: ProbeSharing[] = [];
  const sharing = () => {
    const created = postgresProbeSharing(database.url);
    opened.push(created);
    return created;
  };
  // Two processes' sharing pools, connected before timing (a running console's pool is warm).
  const [first, second] = [sharing(), sharing()];
  await first.read([]);
  await second.read([]);
  try {
    const alone = new HealthCollector(panels("warm-alone"), OPTIONS);
    const shared = new HealthCollector(panels("warm-shared"), { ...OPTIONS, sharing: first });
    await alone.snapshot();
    await shared.snapshot();
    const warmAlone = await timeRuns(500, () => alone.snapshot());
    const warmShared = await timeRuns(500, () => shared.snapshot());
    alone.stop();
    shared.stop();

    const names = panels("warm-shared").map((panel) => `${panel.kind}:${panel.name}`);
    const claims = await timeRuns(200, () => second.claim(names, { selfDueMs: 1_750, probeLeaseMs: 2_750 }));

    let round = 0;
    const quietAlone = await timeRuns(30, async () => {
      const collector = new HealthCollector(panels(`quiet-alone-${round++}`), OPTIONS);
      await collector.snapshot();
      collector.stop();
    });
    const quietShared = await timeRuns(30, async () => {
      const collector = new HealthCollector(panels(`quiet-shared-${round++}`), { ...OPTIONS, sharing: first });
      await collector.snapshot();
      collector.stop();
    });

    const adopting: number[] = [];
    for (let i = 0; i < 30; i++) {
      const prefix = `adopt-${i}`;
      const holder = new HealthCollector(panels(prefix), { ...OPTIONS, sharing: first });
      await holder.sweep();
      const reader = new HealthCollector(panels(prefix), { ...OPTIONS, sharing: second });
      const started = performance.now();
      await reader.snapshot();
      adopting.push(performance.now() - started);
      reader.stop();
    }

    const afterDeath: number[] = [];
    for (let i = 0; i < 3; i++) {
      const prefix = `dead-${i}`;
      const dyingSharing = postgresProbeSharing(database.url);
      const dying = new HealthCollector(panels(prefix, () => new Promise(() => {})), { ...OPTIONS, sharing: dyingSharing });
      const hung = dying.sweep();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await dyingSharing.close();
      const living = new HealthCollector(panels(prefix), { ...OPTIONS, sharing: second });
      const started = performance.now();
      const snapshot = await living.snapshot();
      afterDeath.push(performance.now() - started);
      if ([...snapshot.services, ...snapshot.systems].some((panel) => panel.status !== "ok")) throw new Error("a panel of the living process is not ok");
      living.stop();
      await hung;
    }

    report([
      { what: "overview request while watched, one process alone", p50: percentile(warmAlone, 50), p95: percentile(warmAlone, 95), target: 1 },
      { what: "overview request while watched, sharing", p50: percentile(warmShared, 50), p95: percentile(warmShared, 95), target: 1 },
      { what: "a sweep's claim statement (11 panels, nothing due)", p50: percentile(claims, 50), p95: percentile(claims, 95), target: 10 },
      { what: "overview after a quiet spell, alone (probes 11 panels)", p50: percentile(quietAlone, 50), p95: percentile(quietAlone, 95), target: 2_250 },
      { what: "overview after a quiet spell, sharing (claims, probes, publishes)", p50: percentile(quietShared, 50), p95: percentile(quietShared, 95), target: 2_250 },
      { what: "overview after a quiet spell, another process just probed", p50: percentile(adopting, 50), p95: percentile(adopting, 95), target: 10 },
      { what: "the first overview after a process died holding the claims", p50: percentile(afterDeath, 50), p95: percentile(afterDeath, 95), target: 5_000 },
    ]);
  } finally {
    await Promise.all(opened.map((created) => created.close()));
    await database.drop();
  }
}
