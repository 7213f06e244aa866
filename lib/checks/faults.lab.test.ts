/**
 * Fault → check, on the real lab: for every lab fault, the checks of its runbook section
 * turn the verdict test/fault-checks.ts gives, with a summary that says why (a pattern the
 * healthy lab cannot match), and return to ok after heal. The panels' side of the same
 * faults is lib/health/detection.lab.test.ts.
 *
 * Injects and heals: run under the lab lock (`flock /tmp/lab.lock npx vitest run --project
 * lab lib/checks/faults.lab.test.ts`). One fault: add `-t <fault-name>`.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { FAULTS, fault, healAll } from "@/lab/faults/registry";
import { FAULT_CHECKS, type CheckUnderFault } from "@/test/fault-checks";
import { eventually } from "@/test/eventually";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "./define-check";
import { findCheck } from "./registry";
import type { CheckResult } from "./types";

/** A fault's effect reaches the checks within these (pods restart, metrics-server scrapes every few seconds, lag must build up). */
const SHOWS_WITHIN_MS = 120_000;
const HEALS_WITHIN_MS = 150_000;
const BASELINE_WITHIN_MS = 120_000;

async function run(row: CheckUnderFault): Promise<CheckResult> {
  const check = findCheck(row.check);
  if (!check) throw new Error(`no check ${row.check}`);
  return runCheck(check, labContext({ deadlineMs: 5_000 }), row.params ?? {});
}

const figure = (result: CheckResult, name: string): number => {
  const value = (result.data as Record<string, unknown> | null)?.[name];
  return typeof value === "number" ? value : Number.NaN;
};
const showsFault = (row: CheckUnderFault, result: CheckResult) => row.verdict.includes(result.verdict) && row.summary.test(result.summary);
const said = (row: CheckUnderFault, result: CheckResult) => `${row.check} ${JSON.stringify(row.params ?? {})}: ${result.verdict} — ${result.summary}`;

afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  await healAll({ quiet: true });
});

describe("fault → check: every lab fault seen by the checks of its runbook section (lab)", () => {
  it("every fault of the lab says which checks see it", () => {
    expect(Object.keys(FAULT_CHECKS).sort()).toEqual(FAULTS.map((entry) => entry.name).sort());
    for (const [name, rows] of Object.entries(FAULT_CHECKS)) {
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) expect(findCheck(row.check), `${name}: ${row.check}`).toBeDefined();
    }
  });

  for (const entry of FAULTS) {
    const rows = FAULT_CHECKS[entry.name] ?? [];
    if (!rows.length) continue; // the test above names it
    it(`${entry.name}: ${rows.map((row) => row.check).join(", ")} turn ${[...new Set(rows.flatMap((row) => row.verdict))].join("/")}; healed after heal`, { timeout: BASELINE_WITHIN_MS + SHOWS_WITHIN_MS + HEALS_WITHIN_MS + 60_000 }, async () => {
      // Before: no check shows the fault yet, and those that return to ok are ok (else the fault's verdict proves nothing).
      const healthy = (row: CheckUnderFault, result: CheckResult) => (row.healed === "ok" ? result.verdict === "ok" : !showsFault(row, result));
      const before = await Promise.all(rows.map((row) => (typeof row.healed === "object" ? run(row) : eventually(() => run(row), (result) => healthy(row, result), BASELINE_WITHIN_MS))));
      rows.forEach((row, index) => {
        if (typeof row.healed === "object") return;
        expect(showsFault(row, before[index]!), `before ${entry.name}: ${said(row, before[index]!)}`).toBe(false);
        if (row.healed === "ok") expect(before[index]!.verdict, `before ${entry.name}: ${said(row, before[index]!)}`).toBe("ok");
      });

      await entry.inject();
      const during = await Promise.all(
        rows.map((row, index) =>
          eventually(
            () => run(row),
            (result) => showsFault(row, result) && (!row.rises || figure(result, row.rises) > figure(before[index]!, row.rises)),
            SHOWS_WITHIN_MS,
          ),
        ),
      );
      rows.forEach((row, index) => {
        const result = during[index]!;
        if (row.defect) {
          expect(showsFault(row, result), `${entry.name}: ${said(row, result)} now sees the fault: the known defect is fixed ("${row.defect}"); drop \`defect\` from its row`).toBe(false);
          return;
        }
        expect(result.verdict, `${entry.name}: ${said(row, result)}`).toBeOneOf(row.verdict);
        expect(result.summary, `${entry.name}: ${row.check}`).toMatch(row.summary);
        if (row.rises) expect(figure(result, row.rises), `${entry.name}: ${row.check} ${row.rises} must rise`).toBeGreaterThan(figure(before[index]!, row.rises));
      });

      await fault(entry.name).heal();
      const healing = rows.filter((row) => typeof row.healed !== "object" && !row.defect);
      const after = await Promise.all(healing.map((row) => eventually(() => run(row), (result) => healthy(row, result), HEALS_WITHIN_MS)));
      healing.forEach((row, index) => {
        expect(showsFault(row, after[index]!), `after healing ${entry.name}: ${said(row, after[index]!)}`).toBe(false);
        if (row.healed === "ok") expect(after[index]!.verdict, `after healing ${entry.name}: ${said(row, after[index]!)}`).toBe("ok");
      });
    });
  }
});
