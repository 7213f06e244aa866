import { describe, expect, it } from "vitest";
import { can, ROLES } from "@/lib/auth/roles";
import { parseConsoleConfig } from "@/lib/config/console-config";
import { stepSchema } from "@/lib/diagnosis/definition";
import { fieldChanges, manifestChanges, sameChanges } from "./diff";
import { operationRequest, suggestedKey } from "./request";
import { catalogTargets, resolveTarget } from "./targets";
import { OPERATION_KINDS, OPERATION_PERMISSIONS } from "./types";
import { compareChecks, type CheckSnapshot } from "./verification";

const deployment = {
  metadata: { name: "enrichment-service", resourceVersion: "100", generation: 3, annotations: { "deployment.kubernetes.io/revision": "3" } },
  spec: {
    replicas: 1,
    template: {
      metadata: { labels: { app: "enrichment-service" } },
      spec: { containers: [{ name: "enrichment-service", image: "registry/enrichment-service:2.4.1", env: [{ name: "A", value: "1" }] }, { name: "sidecar", image: "envoy:1" }] },
    },
  },
  status: { readyReplicas: 1 },
};

describe("fieldChanges: what a dry run would change", () => {
  it("names a container's image change by the container's name and leaves the rest out", () => {
    const after = structuredClone(deployment);
    after.spec.template.spec.containers[0]!.image = "registry/enrichment-service:2.5.0";
    after.metadata.resourceVersion = "101";
    after.metadata.generation = 4;
    after.status.readyReplicas = 0;
    expect(fieldChanges(deployment, after)).toEqual([
      { path: "spec.template.spec.containers[name=enrichment-service].image", before: "registry/enrichment-service:2.4.1", after: "registry/enrichment-service:2.5.0" },
    ]);
  });

  it("shows an added annotation with its dotted key quoted, absent before", () => {
    const after = structuredClone(deployment) as typeof deployment & { spec: { template: { metadata: { annotations?: Record<string, string> } } } };
    after.spec.template.metadata.annotations = { "kubectl.kubernetes.io/restartedAt": "2026-12-03T05:30:00Z" };
    const changes = fieldChanges(deployment, after);
    expect(changes).toEqual([{ path: 'spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]', before: undefined, after: "2026-12-03T05:30:00Z" }]);
  });

  it("ignores the Deployment controller's revision annotation and reports replicas", () => {
    const after = structuredClone(deployment);
    after.metadata.annotations["deployment.kubernetes.io/revision"] = "4";
    after.spec.replicas = 3;
    expect(fieldChanges(deployment, after)).toEqual([{ path: "spec.replicas", before: 1, after: 3 }]);
  });

  it("treats an identical object as no change", () => {
    expect(fieldChanges(deployment, structuredClone(deployment))).toEqual([]);
  });
});

describe("sameChanges: the preview against what the API server did", () => {
  const restart = (at: string) => [{ path: 'spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]', before: undefined, after: at }];
  it("accepts a different timestamp on a volatile path but not on others", () => {
    expect(sameChanges(restart("2026-12-03T05:30:00Z"), restart("2026-12-03T05:30:04Z"), [/restartedAt"\]$/])).toBe(true);
    expect(sameChanges(restart("2026-12-03T05:30:00Z"), restart("2026-12-03T05:30:04Z"))).toBe(false);
  });
  it("rejects a change the preview did not show", () => {
    expect(sameChanges([{ path: "spec.replicas", before: 1, after: 2 }], [{ path: "spec.replicas", before: 1, after: 2 }, { path: "spec.paused", before: undefined, after: true }])).toBe(false);
  });
});

describe("manifestChanges: a Helm rollback's preview", () => {
  const manifest = (tag: string, extra = "") => `---
# Source: pipeline/templates/enrichment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: enrichment-service
spec:
  template:
    spec:
      containers:
        - name: enrichment-service
          image: registry/enrichment-service:${tag}
${extra}`;
  it("lists field changes per object and whole objects that appear or go", () => {
    const configMap = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  a: b\n";
    expect(manifestChanges(manifest("2.5.0", configMap), manifest("2.4.1"))).toEqual([
      { path: "ConfigMap/flags", before: "(present)", after: undefined },
      { path: "Deployment/enrichment-service: spec.template.spec.containers[name=enrichment-service].image", before: "registry/enrichment-service:2.5.0", after: "registry/enrichment-service:2.4.1" },
    ]);
  });
});

describe("the operation request and its idempotency key", () => {
  it("needs a confirmation and a key to execute, not to preview", () => {
    expect(operationRequest.safeParse({ kind: "scale", target: "x", params: { replicas: 2 }, dryRun: true }).success).toBe(true);
    const missing = operationRequest.safeParse({ kind: "scale", target: "x", params: { replicas: 2 } });
    expect(missing.success).toBe(false);
    expect(operationRequest.safeParse({ kind: "scale", target: "x", confirm: "x" }).success).toBe(false);
    expect(operationRequest.safeParse({ kind: "reboot", target: "x", dryRun: true }).success).toBe(false);
  });

  it("gives two responders who previewed the same state the same key, and a new one after the object changed", () => {
    const base = { incidentId: "inc1", kind: "scale" as const, target: "deployment/data-processing/normalization-service", params: { replicas: 2 }, version: "100" };
    expect(suggestedKey(base)).toBe(suggestedKey({ ...base, params: { replicas: 2 } }));
    expect(suggestedKey(base)).not.toBe(suggestedKey({ ...base, version: "101" }));
    expect(suggestedKey(base)).not.toBe(suggestedKey({ ...base, params: { replicas: 3 } }));
  });
});

describe("who may do what (the runbook's levels)", () => {
  const allowed = (role: (typeof ROLES)[number]) => OPERATION_KINDS.filter((kind) => can(role, OPERATION_PERMISSIONS[kind]));
  it("L1 restarts and deletes pods; L2 also scales and sets images; L3 also rolls back Helm releases", () => {
    expect(allowed("viewer")).toEqual([]);
    expect(allowed("l1")).toEqual(["rollout-restart", "delete-pod", "restart-monitoring"]);
    expect(allowed("l2")).toEqual(["rollout-restart", "delete-pod", "scale", "set-image", "rollout-undo", "restart-monitoring"]);
    expect(allowed("l3")).toEqual([...OPERATION_KINDS]);
    expect(allowed("admin")).toEqual([...OPERATION_KINDS]);
  });
});

describe("targets: only what the catalog names", () => {
  const parsed = parseConsoleConfig("", "test.yaml", {});
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const catalog = parsed.config;
  it("lists the services' deployments, the Helm release and the monitoring systems", () => {
    expect(catalogTargets(catalog).map((t) => t.id)).toEqual([
      "deployment/data-processing/normalization-service",
      "deployment/data-processing/enrichment-service",
      "release/data-processing/data-processing-pipeline",
      "system/prometheus",
      "system/grafana",
      "system/jaeger",
    ]);
  });
  it("accepts a pod of a catalog service and nothing free-form", () => {
    expect(resolveTarget(catalog, "pod/data-processing/normalization-service-7d9f-abcde")?.owner).toBe("normalization-service");
    expect(resolveTarget(catalog, "pod/data-processing/kafka-0")).toBeNull();
    expect(resolveTarget(catalog, "pod/kube-system/normalization-service-1")).toBeNull();
    expect(resolveTarget(catalog, "deployment/kube-system/coredns")).toBeNull();
    expect(resolveTarget(catalog, "deployment/data-processing/../x")).toBeNull();
  });
});

describe("verification: before and after side by side", () => {
  const snap = (verdict: CheckSnapshot["verdict"], figure: number | null = null): CheckSnapshot => ({ check: "kafka.consumer-group-describe", params: { group: "g" }, verdict, summary: "", figure, checkedAt: "" });
  it("passes when the check is ok, better than before, or its lag is draining", () => {
    expect(compareChecks([snap("fail", 12_408)], [snap("ok", 10)]).passed).toBe(true);
    expect(compareChecks([snap("fail", 12_408)], [snap("warn", 9_000)]).passed).toBe(true);
    expect(compareChecks([snap("fail", 12_408)], [snap("fail", 11_000)]).passed).toBe(true);
  });
  it("fails when nothing improved or the check errors", () => {
    expect(compareChecks([snap("fail", 12_408)], [snap("fail", 13_000)]).passed).toBe(false);
    expect(compareChecks([snap("warn", 2_000)], [snap("error")]).passed).toBe(false);
    expect(compareChecks([], []).passed).toBe(false);
  });
});

describe("an operation step of a guided-diagnosis procedure", () => {
  it("names an operation kind and a catalog target, the command it replaces, with the check steps that verify it", () => {
    const restart = { id: "restart", title: "Restart normalization-service", kind: "operation", operation: "rollout-restart", target: "deployment/data-processing/normalization-service", verify: ["lag"] };
    const step = stepSchema.parse({ ...restart, command: "kubectl rollout restart deployment/normalization-service -n data-processing" });
    expect(step).toMatchObject({ kind: "operation", operation: "rollout-restart", params: {}, verify: ["lag"] });
    expect(stepSchema.safeParse(restart).success).toBe(false);
    expect(stepSchema.safeParse({ id: "x", title: "X", kind: "operation", operation: "reboot", target: "deployment/data-processing/x" }).success).toBe(false);
    expect(stepSchema.safeParse({ id: "x", title: "X", kind: "operation", operation: "scale", target: "kubectl delete ns data-processing" }).success).toBe(false);
  });
});
