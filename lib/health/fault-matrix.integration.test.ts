import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTargetsAt } from "@/test/check-targets";
import { expectedKind, expectedReason, FAULTS, type Fault } from "@/test/fault-kinds";
import { faultContext } from "@/test/fault-context";
import { blackHole, closedPort, garbageServer, slowServer, type FaultServer } from "@/test/sockets";
import { runCheck } from "@/lib/checks/define-check";
import { CHECKS } from "@/lib/checks/registry";
import type { CheckContext } from "@/lib/checks/types";
import { SYSTEM_PROBES } from "./systems";
import { serviceProber } from "./probe-service";

/**
 * The fault matrix, generated from the code: every check in the registry, every system
 * panel's probe (SYSTEM_PROBES) and every catalog service's panel, each facing a backend that
 * is stopped (closed port), black-holed (accepts, never answers), slow (answers after the
 * deadline) and garbage (answers nonsense at once). Whatever the fault, a check answers an
 * `error` verdict of the fault's kind and a panel turns grey (`unknown`) or `down` — never
 * `ok`, never a throw. Local sockets only: the lab need not exist (test/fault-context.ts
 * writes the kubeconfig). Time to answer is measured by `npm run bench -- deadlines`.
 */
const DEADLINE_MS = 300;
const SLOW_BY_MS = DEADLINE_MS + 1_200;

describe("the fault matrix: every check and panel against a stopped, black-holed, slow and garbage backend", () => {
  const servers: FaultServer[] = [];
  const contexts = {} as Record<Fault, CheckContext>;

  beforeAll(async () => {
    const hole = await blackHole();
    const slow = await slowServer(SLOW_BY_MS);
    const garbage = await garbageServer();
    servers.push(hole, slow, garbage);
    contexts.stopped = await faultContext(await closedPort(), DEADLINE_MS);
    contexts["black-holed"] = await faultContext(hole.port, DEADLINE_MS);
    contexts.slow = await faultContext(slow.port, DEADLINE_MS);
    contexts.garbage = await faultContext(garbage.port, DEADLINE_MS);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it("covers every check family and every system of the catalog", async () => {
    const families = new Set(CHECKS.map((check) => check.id.split(".")[0]!));
    expect([...families].filter((family) => !(family in checkTargetsAt(1)))).toEqual([]);
    expect(Object.keys(SYSTEM_PROBES).length).toBe(9);
    expect((await faultContext(1, DEADLINE_MS)).catalog.services.length).toBeGreaterThan(0);
  });

  const checkCases = FAULTS.flatMap((fault) => CHECKS.map((check) => [fault, check.id, check] as const));
  it.each(checkCases)("%s: check %s is an error of the fault's kind", async (fault, id, check) => {
    const result = await runCheck(check, contexts[fault], {});
    const kind = expectedKind(fault, id.split(".")[0]!);
    expect({ verdict: result.verdict, kind: result.error?.kind }, result.summary).toEqual({ verdict: "error", kind });
    expect(result.summary).toContain(kind.replace("_", " "));
  });

  const systemCases = FAULTS.flatMap((fault) => Object.keys(SYSTEM_PROBES).map((system) => [fault, system] as const));
  it.each(systemCases)("%s: the %s panel is grey or down, with the reason", async (fault, system) => {
    const health = await SYSTEM_PROBES[system as keyof typeof SYSTEM_PROBES](contexts[fault]);
    expect(["unknown", "down"], health.reasons.join("; ")).toContain(health.status);
    expect(health.reasons.join(" ")).toMatch(expectedReason(fault, system));
  });

  // A service whose /health answers, but not with a health answer, is degraded rather than
  // grey: it was heard from (evaluate-service.ts); it is never ok.
  it.each(FAULTS)("%s: every service panel is grey or down (degraded when it answers nonsense), with the reason", async (fault) => {
    const context = contexts[fault];
    for (const service of context.catalog.services) {
      const health = await serviceProber(service, () => context)();
      const allowed = fault === "garbage" ? ["unknown", "down", "degraded"] : ["unknown", "down"];
      expect(allowed, `${service.name}: ${health.reasons.join("; ")}`).toContain(health.status);
      // /health is plain HTTP: it shows the fault's own kind.
      expect(health.reasons.join(" "), service.name).toMatch(expectedReason(fault, "service"));
    }
  });
});
