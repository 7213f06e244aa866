import type { V1Node, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { kubernetesHealth, probeKubernetes } from "./kubernetes";

const node = (name: string, ready: boolean): V1Node => ({ metadata: { name }, status: { conditions: [{ type: "Ready", status: ready ? "True" : "False" }] } });
const pod = (name: string, ready: boolean, waiting?: string): V1Pod => ({
  metadata: { name },
  spec: { containers: [{ name: "c" }] },
  status: { phase: "Running", containerStatuses: [{ name: "c", ready, restartCount: 0, image: "i", imageID: "", state: waiting ? { waiting: { reason: waiting } } : { running: {} } }] },
});

describe("Kubernetes health", () => {
  it("ok with every node and pod ready; degraded naming the pods that are not", () => {
    expect(kubernetesHealth([node("n1", true)], [{ namespace: "data-processing", pods: [pod("a", true)] }, { namespace: "monitoring", pods: [pod("p", true)] }])).toEqual({
      status: "ok",
      reasons: ["1/1 nodes Ready", "2/2 pods ready in data-processing, monitoring"],
      figures: { nodes: 1, nodesReady: 1, pods: 2, podsNotReady: 0 },
    });
    const degraded = kubernetesHealth([node("n1", true), node("n2", false)], [{ namespace: "data-processing", pods: [pod("a", true), pod("b", false, "CrashLoopBackOff")] }]);
    expect(degraded).toMatchObject({ status: "degraded", reasons: ["1/2 nodes Ready", "1/2 pods ready in data-processing", "data-processing/b not ready (CrashLoopBackOff)"], figures: { nodesReady: 1, podsNotReady: 1 } });
    expect(kubernetesHealth([node("n1", false)], []).status).toBe("down");
  });

  it("is not_configured without a kubeconfig", async () => {
    const health = await probeKubernetes({ catalog: { systems: { kubernetes: { inCluster: false, namespaces: [] } } }, deadlineMs: 100 } as never);
    expect(health).toMatchObject({ status: "not_configured", figures: { nodes: null } });
  });
});
