import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { labContext } from "@/test/lab-catalog";
import { probeKubernetes } from "./kubernetes";

describe("Kubernetes health (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(() => hole.close());

  it("counts the lab's nodes and the pods of data-processing and monitoring", async () => {
    const health = await probeKubernetes(labContext());
    expect(["ok", "degraded"]).toContain(health.status);
    expect(health.figures.nodes).toBeGreaterThanOrEqual(2); // lab-node-1 and pipeline-node-1
    expect(health.figures.nodesReady).toBe(health.figures.nodes);
    expect(health.figures.pods).toBeGreaterThanOrEqual(10); // 9 pipeline pods + prometheus
    expect(health.reasons[1]).toMatch(/^\d+\/\d+ pods ready in data-processing, monitoring$/);
  });

  it("is unknown (grey, with the error kind) when the API server is unreachable or hangs, within the deadline", async () => {
    const closed = await probeKubernetes(labContext({ overrides: { KUBECONFIG: await kubeconfigFor(await closedPort()) } }));
    expect(closed).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^API server: unreachable/)], figures: { nodes: null } });
    const hung = await probeKubernetes(labContext({ overrides: { KUBECONFIG: await kubeconfigFor(hole.port) }, deadlineMs: 400 }));
    expect(hung).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^API server: timeout/)] });
  });

  it("names a kubeconfig file that does not exist", async () => {
    const health = await probeKubernetes(labContext({ overrides: { KUBECONFIG: "/nonexistent/kubeconfig" } }));
    expect(health).toMatchObject({ status: "unknown", reasons: ["API server: not found (kubeconfig /nonexistent/kubeconfig does not exist)"] });
  });
});
