import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTargetsAt } from "@/test/check-targets";
import { blackHole, closedPort, garbageServer, slowServer, type FaultServer } from "@/test/sockets";
import { runCheck } from "@/lib/checks/define-check";
import { CHECKS } from "@/lib/checks/registry";
import type { CheckContext } from "@/lib/checks/types";
import { thresholdsFor } from "@/lib/config/catalog";
import { parseConsoleConfig } from "@/lib/config/console-config";
import { SYSTEM_PROBES } from "./systems";
import { serviceProber } from "./probe-service";

/**
 * The fault matrix, generated from the code: every check in the registry, every system
 * panel's probe (SYSTEM_PROBES) and every catalog service's panel, each facing a backend that
 * is stopped (closed port), black-holed (accepts, never answers), slow (answers after the
 * deadline) and garbage (answers nonsense at once). Whatever the fault, a check answers an
 * `error` verdict of the fault's kind and a panel turns grey (`unknown`) or `down` — never
 * `ok`, never a throw. Local sockets only: the lab need not exist (the kubeconfig is written
 * here, pointing at the fault). Time to answer is measured by `npm run bench -- deadlines`.
 */
const DEADLINE_MS = 300;
const SLOW_BY_MS = DEADLINE_MS + 1_200;
const FAULTS = ["stopped", "black-holed", "slow", "garbage"] as const;
type Fault = (typeof FAULTS)[number];

/**
 * The error kind each fault must give. Kafka and PostgreSQL frame every message with a
 * length: nonsense reads as the start of a frame longer than anything that follows, so
 * their clients wait for the rest until the deadline (a timeout, not a parse error).
 */
const LENGTH_FRAMED = new Set(["kafka", "postgresql"]);
function expectedKind(fault: Fault, family: string): string {
  if (fault === "stopped") return "unreachable";
  if (fault === "garbage" && !LENGTH_FRAMED.has(family)) return "bad_response";
  return "timeout";
}

/** What a panel's reasons say for the fault: its kind, in words or as the code (panels differ). */
function expectedReason(fault: Fault, family: string): RegExp {
  return new RegExp(expectedKind(fault, family).replace("_", "[ _]"));
}

/** Every endpoint of the catalog (and the Kubernetes API) at 127.0.0.1:<port>, nothing else configured. */
async function contextAt(port: number): Promise<CheckContext> {
  const dir = await mkdtemp(path.join(tmpdir(), "fault-kubeconfig-"));
  const kubeconfig = path.join(dir, "config");
  await writeFile(
    kubeconfig,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: fault",
      `  cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}`,
      "users:",
      "- name: fault",
      "  user: {token: fault-matrix}",
      "contexts:",
      "- name: fault",
      "  context: {cluster: fault, user: fault}",
      "current-context: fault",
    ].join("\n"),
  );
  const env: Record<string, string> = {};
  for (const [family, target] of Object.entries(checkTargetsAt(port))) if (family !== "kubernetes" && family !== "helm") Object.assign(env, await target());
  env.KUBECONFIG = kubeconfig;
  const parsed = parseConsoleConfig("", "fault-matrix.yaml", env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return { catalog: parsed.config, thresholds: thresholdsFor(parsed.config), deadlineMs: DEADLINE_MS, env };
}

describe("the fault matrix: every check and panel against a stopped, black-holed, slow and garbage backend", () => {
  const servers: FaultServer[] = [];
  const contexts = {} as Record<Fault, CheckContext>;

  beforeAll(async () => {
    const hole = await blackHole();
    const slow = await slowServer(SLOW_BY_MS);
    const garbage = await garbageServer();
    servers.push(hole, slow, garbage);
    contexts.stopped = await contextAt(await closedPort());
    contexts["black-holed"] = await contextAt(hole.port);
    contexts.slow = await contextAt(slow.port);
    contexts.garbage = await contextAt(garbage.port);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it("covers every check family and every system of the catalog", async () => {
    const families = new Set(CHECKS.map((check) => check.id.split(".")[0]!));
    expect([...families].filter((family) => !(family in checkTargetsAt(1)))).toEqual([]);
    expect(Object.keys(SYSTEM_PROBES).length).toBe(9);
    expect((await contextAt(1)).catalog.services.length).toBeGreaterThan(0);
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
