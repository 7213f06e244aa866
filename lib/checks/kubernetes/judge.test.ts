import { describe, expect, it } from "vitest";
import type { PodDescription } from "@/lib/connectors/kubernetes/describe-pod";
import type { EventSummary } from "@/lib/connectors/kubernetes/events";
import type { LogTail } from "@/lib/connectors/kubernetes/logs";
import type { PodUsage } from "@/lib/connectors/kubernetes/metrics";
import type { PodSummary } from "@/lib/connectors/kubernetes/pods";
import { judgeDescription } from "./describe-pod";
import { judgeEvents } from "./get-events";
import { judgeNamespacePods } from "./get-pods-namespace";
import { judgeSecrets } from "./get-secrets";
import { judgeImagePulls } from "./image-pull";
import { judgeLogs } from "./logs";
import { judgeTopNodes } from "./top-nodes";
import { judgeTopPods } from "./top-pods";
import { judgeTracingEnv } from "./tracing-env";

const pod = (name: string, extra: Partial<PodSummary> = {}): PodSummary => ({ name, phase: "Running", ready: { ready: 1, total: 1 }, restarts: 0, waitingReason: null, lastTermination: null, node: "n", createdAt: null, ...extra });

describe("kubernetes.get-pods-namespace verdicts", () => {
  it("ok when all ready; warn when one is not ready or restarting; fail on CrashLoopBackOff or no pods", () => {
    expect(judgeNamespacePods("dp", [pod("a"), pod("b")], 3)).toMatchObject({ verdict: "ok", summary: "2/2 pods ready in dp" });
    expect(judgeNamespacePods("dp", [pod("a"), pod("b", { ready: { ready: 0, total: 1 }, waitingReason: "ContainerCreating" })], 3)).toMatchObject({ verdict: "warn", summary: "1/2 pods ready in dp, b not ready" });
    expect(judgeNamespacePods("dp", [pod("a", { restarts: 5 })], 3).verdict).toBe("warn");
    expect(judgeNamespacePods("dp", [pod("a"), pod("b", { ready: { ready: 0, total: 1 }, waitingReason: "CrashLoopBackOff", restarts: 14 })], 3)).toMatchObject({
      verdict: "fail",
      summary: "1/2 pods ready in dp, b CrashLoopBackOff, b 14 restarts",
    });
    expect(judgeNamespacePods("dp", [], 3).verdict).toBe("fail");
    expect(judgeNamespacePods("dp", [pod("job", { phase: "Succeeded", ready: { ready: 0, total: 1 } })], 3).verdict).toBe("ok");
  });
});

const tail = (extra: Partial<LogTail>): LogTail => ({ pod: "p", container: "c", previous: false, filter: null, lines: [], scanned: 10, matched: 10, omitted: 0, errorLines: 0, matchedProblems: 0, cutLines: 0, truncated: false, ...extra });

describe("kubernetes.logs verdicts", () => {
  it("warns on ERROR lines, or with a filter on matching lines at WARN or worse", () => {
    expect(judgeLogs(tail({}))).toMatchObject({ verdict: "ok", summary: "10 lines from p, 0 ERROR/FATAL" });
    expect(judgeLogs(tail({ errorLines: 2 })).verdict).toBe("warn");
    expect(judgeLogs(tail({ filter: "TLS", matched: 3, matchedProblems: 0 }))).toMatchObject({ verdict: "ok", summary: '3 of 10 lines contain "TLS" in p (0 at WARN or worse)' });
    expect(judgeLogs(tail({ filter: "rate_limit", matched: 4, matchedProblems: 4, previous: true, cutLines: 1 }))).toMatchObject({
      verdict: "warn",
      summary: '4 of 10 lines contain "rate_limit" in p (previous container) (4 at WARN or worse), 1 long lines cut',
    });
  });
});

const container = (extra: Partial<PodDescription["containers"][number]> = {}): PodDescription["containers"][number] => ({
  name: "app",
  image: "img",
  ready: true,
  restartCount: 0,
  state: { state: "running", reason: null, message: null, exitCode: null, since: null },
  lastTermination: null,
  requests: { cpu: null, memory: "128Mi", cpuMillicores: null, memoryBytes: 128 * 2 ** 20 },
  limits: { cpu: null, memory: "384Mi", cpuMillicores: null, memoryBytes: 384 * 2 ** 20 },
  ...extra,
});
const described = (containers: PodDescription["containers"], events: EventSummary[] = []): PodDescription => ({ name: "p", namespace: "dp", node: "n", phase: "Running", reason: null, startTime: null, conditions: [], imagePullSecrets: [], containers, initContainers: [], events });
const event = (type: string, reason: string, lastSeen = new Date().toISOString()): EventSummary => ({ type, reason, message: `${reason} happened`, object: { kind: "Pod", name: "p" }, count: 1, firstSeen: lastSeen, lastSeen, source: "kubelet" });

describe("kubernetes.describe-pod verdicts", () => {
  it("reads memory limits, OOMKilled and CrashLoopBackOff", () => {
    expect(judgeDescription(described([container()]), 3)).toMatchObject({ verdict: "ok", summary: "p Running, 1/1 ready, 0 restarts, memory limit 384Mi (request 128Mi)" });
    const oom = judgeDescription(described([container({ restartCount: 1, lastTermination: { state: "terminated", reason: "OOMKilled", message: null, exitCode: 137, since: null } })], [event("Warning", "OOMKilling")]), 3);
    expect(oom).toMatchObject({ verdict: "warn", summary: expect.stringContaining("last terminated OOMKilled (exit 137), 1 Warning events (latest: OOMKilling)") });
    const crash = judgeDescription(described([container({ ready: false, state: { state: "waiting", reason: "CrashLoopBackOff", message: null, exitCode: null, since: null } })]), 3);
    expect(crash.verdict).toBe("fail");
  });
});

const usage = (name: string, memory: number, limit: number | null): PodUsage => ({ name, cpuMillicores: 10, memoryBytes: memory, cpuLimitMillicores: null, memoryLimitBytes: limit, memoryRequestBytes: null, memoryOfLimit: limit ? memory / limit : null, cpuOfLimit: null, containers: [], timestamp: null });

describe("kubernetes.top-pods / top-nodes verdicts", () => {
  const thresholds = { memoryWarn: 0.85, memoryFail: 0.95 };
  it("judges memory against the limit with the thresholds", () => {
    expect(judgeTopPods([usage("a", 100 * 2 ** 20, 384 * 2 ** 20), usage("b", 10, null)], thresholds)).toMatchObject({ verdict: "ok", summary: "2 pods, 20m CPU, 100Mi memory, highest a 100Mi of 384Mi (26 %)" });
    expect(judgeTopPods([usage("a", 350 * 2 ** 20, 384 * 2 ** 20)], thresholds)).toMatchObject({ verdict: "warn", summary: expect.stringContaining("a 350Mi of 384Mi (91 %)") });
    expect(judgeTopPods([usage("a", 380 * 2 ** 20, 384 * 2 ** 20)], thresholds).verdict).toBe("fail");
    expect(judgeTopPods([], thresholds).verdict).toBe("warn");
  });

  it("fails a node that is not Ready", () => {
    const node = { name: "n1", ready: true, cpuMillicores: 300, memoryBytes: 2 ** 30, allocatableCpuMillicores: 8000, allocatableMemoryBytes: 32 * 2 ** 30, cpuFraction: 0.0375, memoryFraction: 1 / 32, missing: false };
    expect(judgeTopNodes([node], thresholds)).toMatchObject({ verdict: "ok", summary: "1/1 nodes Ready, n1 CPU 300m (4 %), memory 1.0Gi (3 %)" });
    expect(judgeTopNodes([{ ...node, ready: false }], thresholds).verdict).toBe("fail");
    expect(judgeTopNodes([{ ...node, memoryFraction: 0.9 }], thresholds).verdict).toBe("warn");
  });
});

describe("kubernetes.get-events, get-secrets, image-pull, tracing-env verdicts", () => {
  it("warns on recent Warning events only", () => {
    const now = Date.parse("2026-11-30T10:00:00Z");
    const result = judgeEvents([event("Warning", "BackOff", "2026-11-30T09:50:00Z"), event("Warning", "OOMKilling", "2026-11-30T07:00:00Z"), event("Normal", "Started", "2026-11-30T09:55:00Z")], 60, now);
    expect(result).toMatchObject({ verdict: "warn", summary: "3 events, 2 in the last 60 min, 1 Warning: BackOff ×1" });
    expect(judgeEvents([event("Warning", "OOMKilling", "2026-11-30T07:00:00Z")], 60, now).verdict).toBe("ok");
  });

  it("fails a missing pull secret", () => {
    expect(judgeSecrets({ secrets: [], pullSecrets: [{ name: "gone", exists: false, type: null, pods: ["a"] }] }, "dp")).toMatchObject({ verdict: "fail", summary: "0 secrets in dp, pull secret gone missing, referenced by 1 pods (a)" });
  });

  it("reports pull failures, never starts a pod, skips an unused image", () => {
    const failure = { pod: "svc-new", container: "app", image: "reg/svc:2.5.0", reason: "ErrImagePull", message: null, event: "Failed to pull image: not found", pullSecrets: [] };
    const failed = judgeImagePulls({ images: [{ image: "reg/svc:2.5.0", pods: ["svc-new"] }], failures: [failure] }, undefined);
    expect(failed).toMatchObject({ verdict: "fail", summary: "1 containers cannot pull: svc-new ErrImagePull reg/svc:2.5.0 — Failed to pull image: not found", data: { testPodStarted: false } });
    expect(judgeImagePulls({ images: [], failures: [] }, "reg/other:1").verdict).toBe("skipped");
  });

  it("warns when tracing is off or unsampled", () => {
    const env = (entries: Array<[string, string]>) => ({ pod: "p", entries: entries.map(([name, shown]) => ({ container: "c", name, shown, source: "literal" as const })) });
    expect(judgeTracingEnv(env([["TRACING_ENABLED", "true"], ["TRACING_SAMPLING_RATE", "0.1"]]), "TRACING")).toMatchObject({ verdict: "ok", summary: "p: TRACING_ENABLED=true, TRACING_SAMPLING_RATE=0.1" });
    expect(judgeTracingEnv(env([["TRACING_ENABLED", "false"]]), "TRACING").verdict).toBe("warn");
    expect(judgeTracingEnv(env([["TRACING_SAMPLING_RATE", "0"]]), "TRACING").verdict).toBe("warn");
    expect(judgeTracingEnv(env([]), "TRACING")).toMatchObject({ verdict: "warn", summary: "no TRACING variables in p" });
  });
});
