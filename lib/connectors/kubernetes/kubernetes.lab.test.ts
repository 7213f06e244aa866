import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { podEnv } from "./container-env";
import { listDeployments } from "./deployments";
import { eventually } from "@/test/eventually";
import { describePod } from "./describe-pod";
import { listEvents } from "./events";
import { followLogs, type FollowEvent } from "./follow-logs";
import { listImagePulls } from "./image-pulls";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor, LAB_KUBECONFIG } from "./lab-fixtures";
import { readLogs } from "./logs";
import { topNodes, topPods } from "./metrics";
import { listPods } from "./pods";
import { listSecrets } from "./secrets";

/** Against the lab's kube-apiserver, pipeline-node-1's kwok (logs) and metrics-server (lab/README.md). */
const LAB = { kubeconfig: LAB_KUBECONFIG };
const NS = "data-processing";

describe("Kubernetes connectors (lab)", () => {
  it("reads normalization-service's logs through deployment/…: its startup lines, each a real log line", async () => {
    const result = await readLogs(LAB, { namespace: NS, deployment: "normalization-service", filter: "listening", tailLines: 10_000, maxLines: 50 }, 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.pod).toMatch(/^normalization-service-/);
    expect(result.value.container).toBe("normalization-service");
    expect(result.value.lines.join("\n")).toMatch(/INFO \[normalization-service\] HTTP listening port=18080/);
    expect(result.value.lines.every((line) => line.toLowerCase().includes("listening"))).toBe(true);
    expect(result.value.scanned).toBeGreaterThan(result.value.matched);
  });

  it("reads kafka-0's own broker log (kubectl logs -n data-processing kafka-0), newest lines only", async () => {
    const result = await readLogs(LAB, { namespace: NS, pod: "kafka-0", tailLines: 20, maxLines: 5 }, 5_000);
    expect(result).toMatchObject({ ok: true, value: { pod: "kafka-0", container: "kafka", scanned: 20 } });
    if (result.ok) expect(result.value.lines).toHaveLength(5);
  });

  it("says not_found for a pod that does not exist", async () => {
    const result = await readLogs(LAB, { namespace: NS, pod: "no-such-pod" }, 5_000);
    expect(result).toMatchObject({ ok: false, error: { kind: "not_found", message: "pod data-processing/no-such-pod not found" } });
  });

  it("follows normalization-service's log (-f): start, the tail's lines, then stops when aborted", async () => {
    const controller = new AbortController();
    const events: FollowEvent[] = [];
    for await (const event of followLogs(LAB, { namespace: NS, deployment: "normalization-service", tailLines: 3 }, controller.signal, { connectDeadlineMs: 5_000 })) {
      events.push(event);
      if (events.filter((entry) => entry.type === "line").length === 3) controller.abort();
    }
    expect(events[0]).toMatchObject({ type: "start", pod: expect.stringMatching(/^normalization-service-/), container: "normalization-service" });
    expect(events.slice(1).every((event) => event.type === "line" && /\[normalization-service\]/.test(event.line))).toBe(true);
  });

  it("tops pods with usage against limits: normalization-service's real memory", async () => {
    // A pod a fault test just recreated has usage once metrics-server has scraped it.
    const result = await eventually(
      () => topPods(LAB, NS, 5_000),
      (outcome) => outcome.ok && outcome.value.some((pod) => pod.name.startsWith("normalization-service-") && pod.memoryBytes > 0),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const normalization = result.value.find((pod) => pod.name.startsWith("normalization-service-"));
    expect(normalization?.memoryBytes).toBeGreaterThan(30 * 2 ** 20); // a node process, not kwok's 1Mi default
    expect(normalization?.memoryLimitBytes).toBeGreaterThan(0);
    expect(normalization?.memoryOfLimit).toBeGreaterThan(0);
    expect(result.value.map((pod) => pod.name)).toContain("kafka-0");
  });

  it("tops nodes: pipeline-node-1 Ready with metrics against allocatable", async () => {
    const result = await eventually(() => topNodes(LAB, 5_000), (outcome) => outcome.ok && outcome.value.some((node) => node.name === "pipeline-node-1" && !node.missing), 60_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.find((node) => node.name === "pipeline-node-1")).toMatchObject({ ready: true, missing: false, allocatableCpuMillicores: expect.any(Number), memoryBytes: expect.any(Number) });
  });

  it("describes enrichment-service's pod: image, 384Mi memory limit, state, pull secret", async () => {
    const result = await describePod(LAB, NS, { deployment: "enrichment-service" }, 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.imagePullSecrets).toEqual(["registry-254carbon"]);
    expect(result.value.containers[0]).toMatchObject({
      name: "enrichment-service",
      image: expect.stringMatching(/^registry\.254carbon\.io\/pipeline\/enrichment-service:/),
      limits: { memory: "384Mi", memoryBytes: 384 * 2 ** 20 },
    });
  });

  it("lists events newest first, with kubelet events of the pipeline's pods", async () => {
    const result = await listEvents(LAB, NS, { limit: 200 }, 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const times = result.value.map((event) => event.lastSeen ?? "");
    expect(times).toEqual([...times].sort().reverse());
    expect(result.value.some((event) => event.reason === "Started" && event.object.kind === "Pod")).toBe(true);
  });

  it("lists secrets without values: the pull secret and who references it, Helm revisions", async () => {
    const result = await listSecrets(LAB, NS, 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.stringify(result.value)).not.toMatch(/lab-only|bGFiLXB1bGw/); // the pull secret's password, its base64
    const pull = result.value.pullSecrets.find((secret) => secret.name === "registry-254carbon");
    expect(pull).toMatchObject({ exists: true, type: "kubernetes.io/dockerconfigjson" });
    expect(pull?.pods).toEqual(expect.arrayContaining(["kafka-0", expect.stringMatching(/^normalization-service-/)]));
    expect(result.value.secrets.filter((secret) => secret.type === "helm.sh/release.v1").length).toBeGreaterThanOrEqual(5);
  });

  it("reads the TRACING environment from normalization-service's pod spec", async () => {
    const result = await podEnv(LAB, NS, { deployment: "normalization-service" }, "TRACING", 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.entries.map((entry) => `${entry.name}=${entry.shown}`)).toEqual(expect.arrayContaining(["TRACING_ENABLED=true", "TRACING_SAMPLING_RATE=0.1"]));
  });

  it("lists deployments with replicas and images; image pulls of the namespace", async () => {
    const deployments = await listDeployments(LAB, NS, 5_000);
    expect(deployments.ok).toBe(true);
    if (!deployments.ok) return;
    expect(deployments.value.find((entry) => entry.name === "normalization-service")).toMatchObject({ replicas: { desired: 1 }, selector: "app=normalization-service", images: [expect.stringContaining("normalization-service:")] });
    const pulls = await listImagePulls(LAB, NS, 5_000);
    expect(pulls.ok && pulls.value.images.length).toBeGreaterThan(3);
  });

  describe("failures", () => {
    let hole: BlackHole;
    let holeConfig = "";
    let closedConfig = "";
    beforeAll(async () => {
      hole = await blackHole();
      holeConfig = await kubeconfigFor(hole.port);
      closedConfig = await kubeconfigFor(await closedPort());
    });
    afterAll(() => hole.close());

    it("unreachable for a kubeconfig pointing to a closed port (lists and log streams alike)", async () => {
      expect(await listPods({ kubeconfig: closedConfig }, NS, "", 3_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
      expect(await topPods({ kubeconfig: closedConfig }, NS, 3_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
      expect(await readLogs({ kubeconfig: closedConfig }, { namespace: NS, pod: "kafka-0", container: "kafka" }, 3_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    });

    it("times out within the deadline against a black hole", async () => {
      for (const call of [() => listSecrets({ kubeconfig: holeConfig }, NS, 400), () => readLogs({ kubeconfig: holeConfig }, { namespace: NS, pod: "kafka-0" }, 400), () => topNodes({ kubeconfig: holeConfig }, 400)]) {
        const result = await call();
        expect(result).toMatchObject({ ok: false, error: { kind: "timeout" } });
      }
      const events: FollowEvent[] = [];
      for await (const event of followLogs({ kubeconfig: holeConfig }, { namespace: NS, pod: "kafka-0" }, new AbortController().signal, { connectDeadlineMs: 400 })) events.push(event);
      expect(events).toEqual([{ type: "error", error: { kind: "timeout", message: "no answer within 400 ms" } }]);
    });

    it("names a kubeconfig file that does not exist", async () => {
      expect(await describePod({ kubeconfig: "/nonexistent/kubeconfig" }, NS, { pod: "kafka-0" }, 1_000)).toMatchObject({
        ok: false,
        error: { kind: "not_found", message: "kubeconfig /nonexistent/kubeconfig does not exist" },
      });
    });
  });
});
