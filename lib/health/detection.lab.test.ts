/**
 * Detection, fault by fault: with the overview's own collector pointed at the lab (the same
 * panels, cadence and judgements as the console), every lab fault turns its panel non-ok
 * within 10 s of injection, with the reason in the runbook's words and the procedure that
 * diagnoses it, and the panel is ok again after heal. The table is test/fault-signatures.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAULTS, fault, healAll } from "@/lab/faults/registry";
import { thresholdsFor, type CatalogService } from "@/lib/config/catalog";
import { HealthCollector, type PanelHealth } from "@/lib/health/collector";
import { catalogPanels, collectorOptions } from "@/lib/health/panels";
import { FAULT_SIGNATURES } from "@/test/fault-signatures";
import { labContext } from "@/test/lab-catalog";

const DETECT_WITHIN_MS = 10_000;
const BASELINE_WITHIN_MS = 90_000;
const RECOVER_WITHIN_MS = 90_000;
const TEST_TIMEOUT_MS = BASELINE_WITHIN_MS + DETECT_WITHIN_MS + RECOVER_WITHIN_MS + 60_000;

const base = labContext();
const collector = new HealthCollector(
  catalogPanels(base.catalog, (service?: CatalogService) => ({ ...base, thresholds: thresholdsFor(base.catalog, service) })),
  collectorOptions(base.catalog),
);

async function panel(name: string): Promise<PanelHealth> {
  const snapshot = await collector.snapshot();
  const found = [...snapshot.services, ...snapshot.systems].find((entry) => entry.name === name);
  if (!found) throw new Error(`no panel ${name}`);
  return found;
}

/** Polls the panel every 500 ms (as often as an overview could look) until `done` or the limit; returns the last state and when it was seen. */
async function watch(name: string, done: (state: PanelHealth) => boolean, limitMs: number): Promise<{ state: PanelHealth; ms: number; seen: boolean }> {
  const started = Date.now();
  let state = await panel(name);
  while (!done(state) && Date.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = await panel(name);
  }
  return { state, ms: Date.now() - started, seen: done(state) };
}

beforeAll(async () => {
  await healAll({ quiet: true });
  await collector.refresh();
});
afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  collector.stop();
  await healAll({ quiet: true });
});

describe("detection: every lab fault on the overview", () => {
  it("every fault of the lab declares what it looks like on the overview", () => {
    expect(Object.keys(FAULT_SIGNATURES).sort()).toEqual(FAULTS.map((entry) => entry.name).sort());
  });

  for (const entry of FAULTS) {
    const signature = FAULT_SIGNATURES[entry.name];
    if (!signature) continue; // the test above names it
    it(`${entry.name}: ${signature.panel} turns ${signature.status.join("/")} within 10 s, in the runbook's words; ok after heal`, async () => {
      const baseline = await watch(signature.panel, (state) => state.status === "ok", BASELINE_WITHIN_MS);
      expect(baseline.state, `${signature.panel} was not ok before ${entry.name}: ${baseline.state.reasons.join("; ")}`).toMatchObject({ status: "ok" });

      await entry.inject();
      const detected = await watch(
        signature.panel,
        (state) => signature.status.includes(state.status) && state.findings.some((finding) => signature.reason.test(finding.reason)),
        DETECT_WITHIN_MS,
      );
      expect(detected.state.status, `${entry.name}: ${detected.state.reasons.join("; ")}`).toBeOneOf(signature.status);
      const finding = detected.state.findings.find((candidate) => signature.reason.test(candidate.reason));
      expect(finding, `${entry.name}: no finding matching ${signature.reason} in ${JSON.stringify(detected.state.findings)}`).toBeDefined();
      expect(finding!.procedure).toBe(signature.procedure);
      expect(detected.state.reasons).toContain(finding!.reason);
      console.log(`[detection] ${entry.name}: ${signature.panel} ${detected.state.status} after ${(detected.ms / 1000).toFixed(1)} s — ${finding!.reason}`);

      await fault(entry.name).heal();
      const healed = await watch(signature.panel, (state) => state.status === "ok", RECOVER_WITHIN_MS);
      expect(healed.state, `${signature.panel} after healing ${entry.name}: ${healed.state.reasons.join("; ")}`).toMatchObject({ status: "ok" });
      console.log(`[detection] ${entry.name}: ${signature.panel} ok ${(healed.ms / 1000).toFixed(1)} s after heal`);
    }, TEST_TIMEOUT_MS);
  }
});
