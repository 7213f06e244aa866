import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import type { CheckDefinition } from "../types";
import { eventually } from "@/test/eventually";
import { kubectl, pods as kubectlPods } from "@/lab/tests/runbook";
import { describePod } from "./describe-pod";
import { getEvents } from "./get-events";
import { getPodsNamespace } from "./get-pods-namespace";
import { getSecrets } from "./get-secrets";
import { imagePull } from "./image-pull";
import { kubernetesChecks } from ".";
import { logs } from "./logs";
import { topNodes } from "./top-nodes";
import { topPods } from "./top-pods";
import { tracingEnv } from "./tracing-env";

/** The runbook's kubectl commands against the lab (shared: faults may be active, so verdicts are asserted where the lab is steady). */
describe("Kubernetes checks (lab)", () => {
  it("kubectl get pods -n data-processing: every pipeline pod with readiness", async () => {
    // Compared with `kubectl get pods -n data-processing -o json`, read around the check (pods come and go under faults).
    const polled = await eventually(
      async () => {
        const before = kubectlPods().map((pod) => pod.metadata.name).sort();
        const result = await runCheck(getPodsNamespace, labContext());
        return { before, result, after: kubectlPods().map((pod) => pod.metadata.name).sort() };
      },
      ({ before, after }) => JSON.stringify(before) === JSON.stringify(after),
      30_000,
    );
    const { result, after: names } = polled;
    expect(names.length).toBeGreaterThan(4);
    expect(result.data?.pods.map((pod) => pod.name).sort()).toEqual(names);
    expect(result.summary).toMatch(new RegExp(`^\\d+/${names.length} pods ready in data-processing`));
    expect(names).toEqual(expect.arrayContaining(["kafka-0", "clickhouse-0", "postgresql-0", "redis-0", expect.stringMatching(/^normalization-service-/)]));
  });

  it("kubectl logs deployment/normalization-service: its newest lines; | grep TLS keeps only TLS lines", async () => {
    const all = await runCheck(logs, labContext(), { tailLines: 50 });
    expect(["ok", "warn"]).toContain(all.verdict);
    // At most the 50 asked for (a pod just started has fewer).
    const [, read] = /^(\d+) lines from normalization-service-\S+, \d+ ERROR\/FATAL/.exec(all.summary) ?? [];
    expect(Number(read)).toBeGreaterThan(0);
    expect(Number(read)).toBeLessThanOrEqual(50);
    expect(all.data?.lines.every((line) => line.includes("[normalization-service]"))).toBe(true);
    const tls = await runCheck(logs, labContext(), { filter: "TLS", tailLines: 10_000 });
    expect(tls.summary).toMatch(/lines contain "TLS" in normalization-service-/);
    expect(tls.data?.lines.length).toBeGreaterThan(0); // at least "TLS certificate loaded" at start
    expect(tls.data?.lines.every((line) => line.toLowerCase().includes("tls"))).toBe(true);
  });

  it("kubectl logs -n data-processing kafka-0 is the logs check with {pod: kafka-0}", async () => {
    const result = await runCheck(logs, labContext(), { pod: "kafka-0", tailLines: 100 });
    expect(result.summary).toMatch(/^100 lines from kafka-0/);
    expect(result.data?.container).toBe("kafka");
  });

  it("kubectl describe pod: enrichment-service's memory limit and state, as kubectl reads the pod", async () => {
    const result = await runCheck(describePod, labContext(), { deployment: "enrichment-service" });
    const name = /^(enrichment-service-\S+) /.exec(result.summary)?.[1];
    expect(name).toBeDefined();
    const pod = JSON.parse(kubectl(["get", "pod", "-n", "data-processing", name!, "-o", "json"])) as {
      spec: { containers: { resources: { limits: { memory: string }; requests: { memory: string } } }[] };
      status: { phase: string; containerStatuses: { restartCount: number; ready: boolean }[] };
    };
    const { limits, requests } = pod.spec.containers[0]!.resources;
    const ready = pod.status.containerStatuses.filter((status) => status.ready).length;
    const restarts = pod.status.containerStatuses.reduce((sum, status) => sum + status.restartCount, 0);
    expect(result.summary).toMatch(new RegExp(`^${name} ${pod.status.phase}, ${ready}/${pod.status.containerStatuses.length} ready, ${restarts} restarts, memory limit ${limits.memory} \\(request ${requests.memory}\\)`));
  });

  it("kubectl top pods: normalization-service's memory against its limit", async () => {
    // A pod a fault test just recreated has usage once metrics-server has scraped it.
    const fresh = (pods: { name: string; memoryBytes: number | null }[] | undefined) => Boolean(pods?.some((pod) => pod.name.startsWith("normalization-service-") && (pod.memoryBytes ?? 0) > 0));
    const result = await eventually(() => runCheck(topPods, labContext()), (outcome) => fresh(outcome.data?.pods));
    expect(["ok", "warn", "fail"]).toContain(result.verdict);
    expect(result.summary).toMatch(/^\d+ pods, \d+m CPU, [\d.]+(Mi|Gi) memory/);
    const normalization = result.data?.pods.find((pod) => pod.name.startsWith("normalization-service-"));
    expect(normalization?.memoryBytes).toBeGreaterThan(30 * 2 ** 20);
    expect(normalization?.memoryOfLimit).toBeGreaterThan(0);
  });

  it("kubectl top nodes: pipeline-node-1 Ready with CPU and memory", async () => {
    const pipelineNode = (outcome: { data: { nodes: { name: string; missing: boolean }[] } | null }) => outcome.data?.nodes.find((node) => node.name === "pipeline-node-1");
    const result = await eventually(() => runCheck(topNodes, labContext()), (outcome) => pipelineNode(outcome)?.missing === false, 60_000);
    expect(result.summary).toMatch(/^2\/2 nodes Ready, .*pipeline-node-1 CPU \d+m \(\d+ %\), memory/);
    // lab-node-1, the control plane's bare KWOK node, has usage only while a pod runs on it
    // (lab/scripts/kube-smoke.sh puts one there): without, it is "no metrics" and the check warns.
    // Whether lab-node-1 has metrics, as `kubectl top nodes` says (<unknown> without), read right after the check.
    const row = kubectl(["top", "nodes", "--no-headers"]).split("\n").map((line) => line.trim().split(/\s+/)).find((cells) => cells[0] === "lab-node-1");
    const bareMissing = !row || row[1] === "<unknown>";
    expect(result.data!.nodes.find((node) => node.name === "lab-node-1")?.missing).toBe(bareMissing);
    expect(result.verdict).toBe(bareMissing ? "warn" : "ok");
    if (bareMissing) expect(result.summary).toContain("lab-node-1 no metrics");
  });

  it("kubectl get events --sort-by=.lastTimestamp: newest first", async () => {
    const result = await runCheck(getEvents, labContext(), { windowMinutes: 24 * 60 });
    expect(result.summary).toMatch(/^\d+ events, \d+ in the last 1440 min/);
    const times = result.data?.events.map((event) => event.lastSeen ?? "") ?? [];
    expect(times.length).toBeGreaterThan(0);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("kubectl get secrets: the pull secret exists and every pipeline pod references it", async () => {
    const result = await runCheck(getSecrets, labContext());
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^\d+ secrets in data-processing \(\d+ Helm release revisions\), pull secret registry-254carbon used by \d+ pods$/);
  });

  it("kubectl run test-pod --image=…: no test pod, the pull failures of existing pods", async () => {
    const all = await runCheck(imagePull, labContext());
    expect(all.data).toMatchObject({ testPodStarted: false, note: expect.stringContaining("does not start a test pod") });
    // The image as the pod spec gives it (kubectl), not as the check reported it.
    const running = kubectlPods("app=normalization-service").filter((pod) => pod.status.phase === "Running")[0]!.spec.containers[0]!.image;
    expect(all.data!.images.map((entry) => entry.image)).toContain(running);
    const using = kubectlPods().filter((pod) => pod.spec.containers.some((container) => container.image === running)).length;
    const one = await runCheck(imagePull, labContext(), { image: running });
    expect(one).toMatchObject({ verdict: "ok", summary: `${running} runs in ${using} pods, no pull failures` });
    const unused = await runCheck(imagePull, labContext(), { image: "registry.254carbon.io/pipeline/none:9.9.9" });
    expect(unused.verdict).toBe("skipped");
  });

  it("kubectl exec <pod> -- env | grep TRACING: from the pod spec", async () => {
    const result = await runCheck(tracingEnv, labContext());
    expect(result).toMatchObject({ verdict: "ok", summary: expect.stringMatching(/^normalization-service-\S+: TRACING_ENABLED=true, TRACING_SAMPLING_RATE=0\.1, TRACING_ENDPOINT=/) });
  });

  describe("failures", () => {
    let hole: BlackHole;
    beforeAll(async () => {
      hole = await blackHole();
    });
    afterAll(() => hole.close());

    it("every check is an error naming the kind: closed port → unreachable, black hole → timeout within the deadline, missing kubeconfig → named", async () => {
      const closed = labContext({ overrides: { KUBECONFIG: await kubeconfigFor(await closedPort()) } });
      const hung = labContext({ overrides: { KUBECONFIG: await kubeconfigFor(hole.port) }, deadlineMs: 400 });
      const missing = labContext({ overrides: { KUBECONFIG: "/nonexistent/kubeconfig" } });
      for (const check of kubernetesChecks as unknown as CheckDefinition[]) {
        expect(await runCheck(check, closed), check.id).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
        const result = await runCheck(check, hung);
        expect(result, check.id).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
        expect(await runCheck(check, missing), check.id).toMatchObject({ verdict: "error", summary: "not found: kubeconfig /nonexistent/kubeconfig does not exist" });
      }
    });
  });
});
