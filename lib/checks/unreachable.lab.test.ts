import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { checkTargetsAt } from "@/test/check-targets";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { runCheck } from "./define-check";
import { CHECKS } from "./registry";

/**
 * Every check, whatever its system, against a backend that is not there (a closed port:
 * `unreachable`) and one that accepts and never answers (a black hole: `timeout` at the
 * deadline), pointed there by test/check-targets.ts; a check family without a row there
 * fails the test. The lab's own servers are not touched (the lab does not even need to be
 * up, only its kubeconfig and certificates on disk). How close to the deadline the timeout
 * comes is measured by `npm run bench -- deadlines`.
 */
const at = checkTargetsAt;
const family = (id: string) => id.split(".")[0]!;

describe("every check, when its backend is down or hung (lab)", () => {
  let hole: BlackHole;
  let closed: number;
  beforeAll(async () => {
    hole = await blackHole();
    closed = await closedPort();
  });
  afterAll(async () => hole.close());

  it("has a way to point each check family at another server", () => {
    expect(CHECKS.length).toBeGreaterThan(40);
    expect([...new Set(CHECKS.map((check) => family(check.id)))].filter((prefix) => !(prefix in at(1)))).toEqual([]);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))("%s: a closed port is an error of kind unreachable", async (_id, check) => {
    const overrides = await at(closed)[family(check.id)]!();
    const result = await runCheck(check, labContext({ overrides }), {});
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(result.summary).toMatch(/unreachable/);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))("%s: a server that never answers is an error of kind timeout at the deadline", async (_id, check) => {
    const overrides = await at(hole.port)[family(check.id)]!();
    const result = await runCheck(check, labContext({ overrides, deadlineMs: 400 }), {});
    expect(result).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    expect(result.summary).toMatch(/timeout/);
  });
});
