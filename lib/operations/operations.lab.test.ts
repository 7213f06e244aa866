/**
 * Every operation on the real lab, through the use cases the API calls, recording into a
 * real console database. Mutates the lab: run under `flock /tmp/lab.lock`. Each test
 * restores what it changed in `finally`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isFaultActive } from "../../lab/core/fault-state.ts";
import { waitFor } from "../../lab/core/proc.ts";
import { fault } from "../../lab/faults/registry.ts";
import { kafkajsLag, kubectl, prometheusTargets } from "../../lab/tests/runbook.ts";
import { blackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { AppError } from "@/lib/errors";
import { sameChanges } from "./diff";
import { executeOperation } from "./execute-operation";
import { listOperations } from "./list-operations";
import { previewOperation } from "./preview-operation";
import type { OperationRequest } from "./request";
import { OPERATIONS } from "./registry";
import type { OperationContext, OperationKind } from "./types";
import { verifyOperation } from "./verify-operation";

const NS = "data-processing";
const NORMALIZATION = `deployment/${NS}/normalization-service`;
const ENRICHMENT = `deployment/${NS}/enrichment-service`;
const RELEASE = `release/${NS}/data-processing-pipeline`;

let database: TestDatabase;
let incidentId: string;

const actor = (role: Role): Actor => ({ kind: "user", id: `user-${role}`, email: `${role}@254carbon.com`, name: null, role });
const context = (overrides: Record<string, string | undefined> = {}, deadlineMs = 5_000): OperationContext => {
  const check = labContext({ overrides, deadlineMs });
  return { catalog: check.catalog, env: check.env, deadlineMs };
};

function deploymentJson(name: string) {
  return JSON.parse(kubectl(["get", "deployment", name, "-n", NS, "-o", "json"])) as {
    spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { name: string; image: string }[] } } };
    status: { readyReplicas?: number; updatedReplicas?: number; replicas?: number };
  };
}
const imageOf = (name: string) => deploymentJson(name).spec.template.spec.containers[0]!.image;

/** Preview as `role`, then confirm with the preview's key and the typed name. */
async function previewAndExecute(role: Role, kind: OperationKind, target: string, params: Record<string, unknown> = {}, extra: Partial<OperationRequest> = {}) {
  const db = database.db;
  const preview = await previewOperation({ db, actor: actor(role), incidentId, request: { kind, target, params }, context: context() });
  const result = await executeOperation({
    db,
    actor: actor(role),
    incidentId,
    request: { kind, target, params, confirm: preview.target.confirmName, idempotencyKey: preview.idempotencyKey, ...extra },
    context: context(),
  });
  return { preview, result };
}

async function expectRefused(role: Role, kind: OperationKind, target: string, params: Record<string, unknown> = {}) {
  const db = database.db;
  const refusal = await executeOperation({ db, actor: actor(role), incidentId, request: { kind, target, params, confirm: "x", idempotencyKey: `refused-${kind}-${role}-${Date.now()}` }, context: context() }).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(AppError);
  expect((refusal as AppError).status).toBe(403);
  const audit = await db.auditLog.findFirst({ where: { action: `operation.${kind}`, outcome: "denied", actor: `${role}@254carbon.com` }, orderBy: { id: "desc" } });
  expect(audit?.targetId).toBe(incidentId);
  expect(audit?.detail).toContain(target);
}

async function waitForRollout(name: string) {
  await waitFor(`${name} rolled out`, () => {
    const d = deploymentJson(name);
    return (d.status.readyReplicas ?? 0) >= d.spec.replicas && (d.status.updatedReplicas ?? 0) >= d.spec.replicas && (d.status.replicas ?? 0) === d.spec.replicas;
  }, 90_000, 1_000);
}

beforeAll(async () => {
  database = await createTestDatabase(3);
  const incident = await database.db.incident.create({
    data: { title: "Operations lab test", severity: "SEV2", services: ["normalization-service", "enrichment-service"], declaredBy: "l1@254carbon.com", impactStartedAt: new Date(), detectedAt: new Date() },
  });
  incidentId = incident.id;
});

afterAll(async () => {
  await database?.drop();
});

describe("rollout restart", () => {
  it("clears a consumer stall: preview equals what the API server did, a double confirm executes once, lag drains on verify", async () => {
    try {
      await fault("consumer-stall").inject();
      const first = (await kafkajsLag()).lag;
      await waitFor("lag growing", async () => (await kafkajsLag()).lag > first + 50, 30_000);

      await expectRefused("viewer", "rollout-restart", NORMALIZATION);
      const preview = await previewOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "rollout-restart", target: NORMALIZATION, params: {} }, context: context() });
      expect(preview.changes.map((c) => c.path)).toEqual(['spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]']);
      expect(preview.context.find((f) => f.label === "ready replicas")?.value).toBe("1/1");
      expect(preview.checks.map((c) => c.check)).toEqual(["kubernetes.get-pods", "kafka.consumer-group-describe"]);

      // wrong typed name: nothing done
      const wrong = await executeOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "rollout-restart", target: NORMALIZATION, params: {}, confirm: "normalization", idempotencyKey: preview.idempotencyKey }, context: context() }).catch((e: unknown) => e);
      expect((wrong as AppError).status).toBe(400);

      // two responders confirm the same preview at once
      const request = { kind: "rollout-restart" as const, target: NORMALIZATION, params: {}, confirm: "normalization-service", idempotencyKey: preview.idempotencyKey };
      const [one, two] = await Promise.all([
        executeOperation({ db: database.db, actor: actor("l1"), incidentId, request, context: context() }),
        executeOperation({ db: database.db, actor: actor("l2"), incidentId, request, context: context() }),
      ]);
      const done = [one, two].filter((r) => !r.duplicate);
      const told = [one, two].filter((r) => r.duplicate);
      expect(done).toHaveLength(1);
      expect(told).toHaveLength(1);
      expect(told[0]!.message).toContain(done[0]!.operation.actor);
      expect(await database.db.operation.count({ where: { idempotencyKey: preview.idempotencyKey } })).toBe(1);

      const operation = done[0]!.operation;
      expect(operation.outcome).toBe("succeeded");
      expect(sameChanges(preview.changes, operation.changed, OPERATIONS["rollout-restart"].volatile)).toBe(true);
      expect(deploymentJson("normalization-service").spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(operation.changed[0]!.after);
      expect(operation.undo).toBeNull();

      await waitForRollout("normalization-service");
      await waitFor("consumer-stall cleared by the fresh process", () => !isFaultActive("consumer-stall"), 60_000);
      const verified = await verifyOperation({ db: database.db, actor: actor("l1"), incidentId, operationId: operation.id, waitSeconds: 90, context: context() });
      expect(verified.verification?.passed).toBe(true);
      const lag = verified.verification?.comparisons?.find((c) => c.check === "kafka.consumer-group-describe");
      expect(lag?.after.figure).toBeLessThan(lag?.before?.figure ?? 0);

      const entries = await database.db.timelineEvent.findMany({ where: { incidentId, kind: "operation" }, orderBy: { id: "asc" } });
      expect(entries.some((e) => (e.data as { operationId?: string; phase?: string }).operationId === operation.id && (e.data as { phase?: string }).phase === "execute")).toBe(true);
      expect(entries.at(-1)?.body).toMatch(/^Verify Rollout restart .*: passed/);
      expect(await database.db.auditLog.count({ where: { action: "operation.rollout-restart", outcome: "ok" } })).toBe(1);
    } finally {
      if (isFaultActive("consumer-stall")) await fault("consumer-stall").heal();
    }
  });
});

describe("rollout restart for a stopped exporter", () => {
  it("clears target-down: the fresh process serves metrics again, and Prometheus's targets verify it", async () => {
    const normalizationTarget = async () => Object.entries(await prometheusTargets()).find(([name]) => name.includes("normalization"))?.[1];
    try {
      await fault("target-down").inject();
      await waitFor("normalization-service target down", async () => (await normalizationTarget())?.health === "down", 60_000, 1_000);
      const verify = [{ check: "prometheus.targets", params: {} }];
      const preview = await previewOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "rollout-restart", target: NORMALIZATION, params: {} }, context: context(), verify });
      expect(preview.checks[0]).toMatchObject({ check: "prometheus.targets", verdict: "warn" });
      const { operation } = await executeOperation({
        db: database.db,
        actor: actor("l1"),
        incidentId,
        request: { kind: "rollout-restart", target: NORMALIZATION, params: {}, confirm: "normalization-service", idempotencyKey: preview.idempotencyKey },
        context: context(),
        verify,
      });
      expect(operation.outcome).toBe("succeeded");
      await waitForRollout("normalization-service");
      await waitFor("target-down cleared by the fresh process", () => !isFaultActive("target-down"), 60_000);
      const verified = await verifyOperation({ db: database.db, actor: actor("l1"), incidentId, operationId: operation.id, waitSeconds: 120, context: context() });
      expect(verified.verification?.comparisons?.[0]?.after.summary).not.toMatch(/normalization/);
      expect(verified.verification?.passed).toBe(true);
    } finally {
      if (isFaultActive("target-down")) await fault("target-down").heal();
    }
  });
});

describe("scale", () => {
  it("is refused to L1; L2 scales through the scale subresource and undo restores the replicas", async () => {
    await expectRefused("l1", "scale", ENRICHMENT, { replicas: 0 });
    try {
      const { preview, result } = await previewAndExecute("l2", "scale", ENRICHMENT, { replicas: 0 });
      expect(preview.changes).toEqual([{ path: "spec.replicas", before: 1, after: 0 }]);
      expect(preview.warnings.join()).toMatch(/stops the service/);
      expect(result.operation.outcome).toBe("succeeded");
      expect(result.operation.changed).toEqual(preview.changes);
      expect(deploymentJson("enrichment-service").spec.replicas).toBe(0);
      expect(result.operation.undo).toMatchObject({ kind: "scale", target: ENRICHMENT, params: { replicas: 1 } });

      const undo = result.operation.undo!;
      const back = await previewAndExecute("l2", undo.kind, undo.target, undo.params, { undoOf: result.operation.id });
      expect(back.result.operation.changed).toEqual([{ path: "spec.replicas", before: 0, after: 1 }]);
      expect(back.result.operation.undoOf).toBe(result.operation.id);
      expect(deploymentJson("enrichment-service").spec.replicas).toBe(1);
      const verified = await verifyOperation({ db: database.db, actor: actor("l2"), incidentId, operationId: back.result.operation.id, waitSeconds: 90, context: context() });
      expect(verified.verification?.passed).toBe(true);
    } finally {
      if (deploymentJson("enrichment-service").spec.replicas !== 1) kubectl(["scale", "deployment/enrichment-service", "-n", NS, "--replicas=1"]);
      await waitForRollout("enrichment-service");
    }
  });
});

describe("set image and rollout undo", () => {
  it("set image back clears an image-pull failure; undo offers the image before", async () => {
    const good = imageOf("enrichment-service");
    try {
      await fault("image-pull").inject();
      const bad = imageOf("enrichment-service");
      expect(bad).not.toBe(good);
      await expectRefused("l1", "set-image", ENRICHMENT, { image: good });
      const { preview, result } = await previewAndExecute("l2", "set-image", ENRICHMENT, { image: good });
      expect(preview.changes).toEqual([{ path: "spec.template.spec.containers[name=enrichment-service].image", before: bad, after: good }]);
      expect(result.operation.changed).toEqual(preview.changes);
      expect(imageOf("enrichment-service")).toBe(good);
      expect(result.operation.undo).toMatchObject({ kind: "set-image", params: { image: bad, container: "enrichment-service" } });
      await waitForRollout("enrichment-service");
      const verified = await verifyOperation({ db: database.db, actor: actor("l2"), incidentId, operationId: result.operation.id, waitSeconds: 90, context: context() });
      expect(verified.verification?.passed).toBe(true);
    } finally {
      await fault("image-pull").heal();
      await waitForRollout("enrichment-service");
    }
  });

  it("rollout undo goes back to the previous ReplicaSet's template, and undoing it again restores the state before", async () => {
    const good = imageOf("enrichment-service");
    try {
      await fault("image-pull").inject();
      const bad = imageOf("enrichment-service");
      const { preview, result } = await previewAndExecute("l2", "rollout-undo", ENRICHMENT);
      expect(preview.changes).toEqual([{ path: "spec.template.spec.containers[name=enrichment-service].image", before: bad, after: good }]);
      expect(result.operation.outcome).toBe("succeeded");
      expect(result.operation.changed).toEqual(preview.changes);
      expect(imageOf("enrichment-service")).toBe(good);
      await waitForRollout("enrichment-service");
      const verified = await verifyOperation({ db: database.db, actor: actor("l2"), incidentId, operationId: result.operation.id, waitSeconds: 90, context: context() });
      expect(verified.verification?.passed).toBe(true);

      // undo of the undo: the prior state (the bad image) comes back, as kubectl rollout undo twice does
      const undo = result.operation.undo!;
      expect(undo.kind).toBe("rollout-undo");
      const again = await previewAndExecute("l2", undo.kind, undo.target, undo.params, { undoOf: result.operation.id });
      expect(again.result.operation.changed).toEqual([{ path: "spec.template.spec.containers[name=enrichment-service].image", before: good, after: bad }]);
    } finally {
      await fault("image-pull").heal();
      await waitForRollout("enrichment-service");
    }
  });
});

describe("delete pod", () => {
  it("L1 deletes a catalog service's pod; its ReplicaSet replaces it; pods outside the catalog are refused", async () => {
    await waitForRollout("normalization-service");
    const before = JSON.parse(kubectl(["get", "pods", "-n", NS, "-l", "app=normalization-service", "-o", "json"])) as { items: { metadata: { name: string; deletionTimestamp?: string } }[] };
    const pod = before.items.find((item) => !item.metadata.deletionTimestamp)!.metadata.name;
    const outside = await previewOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "delete-pod", target: `pod/${NS}/kafka-0`, params: {} }, context: context() }).catch((e: unknown) => e);
    expect((outside as AppError).status).toBe(400);

    const { preview, result } = await previewAndExecute("l1", "delete-pod", `pod/${NS}/${pod}`);
    expect(preview.changes.map((c) => c.path)).toContain("metadata.deletionTimestamp");
    expect(result.operation.outcome).toBe("succeeded");
    expect(sameChanges(preview.changes, result.operation.changed, OPERATIONS["delete-pod"].volatile)).toBe(true);
    await waitFor("a new pod", () => {
      const now = JSON.parse(kubectl(["get", "pods", "-n", NS, "-l", "app=normalization-service", "-o", "json"])) as { items: { metadata: { name: string } }[] };
      return now.items.some((item) => item.metadata.name !== pod);
    }, 60_000, 1_000);
    await waitForRollout("normalization-service");
    const verified = await verifyOperation({ db: database.db, actor: actor("l1"), incidentId, operationId: result.operation.id, waitSeconds: 90, context: context() });
    expect(verified.verification?.passed).toBe(true);
  });
});

describe("restart monitoring", () => {
  it("restarts Prometheus in monitoring; Grafana, absent from the lab, is shown disabled with the reason", async () => {
    const { preview, result } = await previewAndExecute("l1", "restart-monitoring", "system/prometheus");
    expect(preview.changes.map((c) => c.path)).toEqual(['spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]']);
    expect(result.operation.outcome).toBe("succeeded");
    const verified = await verifyOperation({ db: database.db, actor: actor("l1"), incidentId, operationId: result.operation.id, waitSeconds: 90, context: context() });
    expect(verified.verification?.passed).toBe(true);

    const grafana = await previewOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "restart-monitoring", target: "system/grafana", params: {} }, context: context() });
    expect(grafana.disabled).toMatch(/no Deployment or StatefulSet in monitoring runs app=grafana/);
  });
});

describe("helm rollback", () => {
  it("is refused to L1 and L2; L3 rolls a failed upgrade back with the real helm CLI; helm history shows it", async () => {
    await expectRefused("l1", "helm-rollback", RELEASE);
    await expectRefused("l2", "helm-rollback", RELEASE);
    const missing = await previewOperation({ db: database.db, actor: actor("l3"), incidentId, request: { kind: "helm-rollback", target: RELEASE, params: {} }, context: context({ HELM_BIN: "/nonexistent/helm" }) });
    expect(missing.disabled).toMatch(/HELM_BIN points at \/nonexistent\/helm/);
    try {
      await fault("helm-failed").inject();
      const { preview, result } = await previewAndExecute("l3", "helm-rollback", RELEASE);
      expect(preview.disabled).toBeNull();
      const latest = Number(preview.priorState.revision);
      expect(preview.priorState.status).toBe("failed");
      expect(result.operation.outcome).toBe("succeeded");
      expect(result.operation.changed[0]).toMatchObject({ path: `revision ${latest + 1}` });
      const history = kubectl(["get", "secrets", "-n", NS, "-l", `owner=helm,name=data-processing-pipeline,version=${latest + 1}`, "-o", "jsonpath={.items[0].metadata.labels.status}"]);
      expect(history).toBe("deployed");
      const verified = await verifyOperation({ db: database.db, actor: actor("l3"), incidentId, operationId: result.operation.id, waitSeconds: 30, context: context() });
      expect(verified.verification?.passed).toBe(true);
      expect(result.operation.undo).toMatchObject({ kind: "helm-rollback" });
    } finally {
      if (isFaultActive("helm-failed")) {
        const latest = kubectl(["get", "secrets", "-n", NS, "-l", "owner=helm,name=data-processing-pipeline", "-o", "jsonpath={range .items[*]}{.metadata.labels.version} {.metadata.labels.status}{\"\\n\"}{end}"]);
        const newest = latest.trim().split("\n").map((line) => line.split(" ")).sort((a, b) => Number(a[0]) - Number(b[0])).at(-1);
        if (newest?.[1] === "failed") await fault("helm-failed").heal();
        else (await import("../../lab/core/fault-state.ts")).setFault("helm-failed", false);
      }
    }
  });
});

describe("a black-holed API server", () => {
  it("gives an error outcome that says nothing was changed, recorded on the timeline", async () => {
    const hole = await blackHole();
    try {
      const kubeconfig = await kubeconfigFor(hole.port);
      const blackHoled = context({ KUBECONFIG: kubeconfig }, 1_000);
      const preview = await previewOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "rollout-restart", target: NORMALIZATION, params: {} }, context: blackHoled }).catch((e: unknown) => e);
      expect((preview as AppError).status).toBe(503);
      expect((preview as AppError).userMessage).toMatch(/nothing was changed: timeout/);

      const result = await executeOperation({ db: database.db, actor: actor("l1"), incidentId, request: { kind: "rollout-restart", target: NORMALIZATION, params: {}, confirm: "normalization-service", idempotencyKey: `black-hole-${Date.now()}` }, context: blackHoled });
      expect(result.operation.outcome).toBe("failed");
      expect(result.operation.message).toMatch(/^timeout: .*Nothing was changed\.$/);
      expect(result.operation.changed).toEqual([]);
      const listed = await listOperations({ db: database.db, incidentId });
      expect(listed[0]!.id).toBe(result.operation.id);
      const entry = await database.db.timelineEvent.findFirst({ where: { incidentId, kind: "operation" }, orderBy: { id: "desc" } });
      expect(entry?.body).toMatch(/failed\. timeout: .*Nothing was changed/);
    } finally {
      await hole.close();
    }
  });
});
