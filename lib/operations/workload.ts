import "server-only";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import type { KubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { patchWorkload, readWorkload, type KubeJson, type WorkloadRef } from "@/lib/connectors/kubernetes/mutations";
import type { ConnectorError } from "@/lib/connectors/result";
import { fieldChanges, type FieldChange } from "./diff";
import { serviceOf, serviceSelector, systemWorkload } from "./targets";
import type { ExecutionResult, LiveFact, OperationContext, OperationTarget, PreviewBody, VerifyCheck } from "./types";

/**
 * What the workload operations share: the Kubernetes target, the workload a catalog target
 * stands for, live facts about it, a patch previewed with `dryRun=All` and then executed,
 * and an execution result that says exactly what changed — also when the write failed
 * (the object is read again and compared with the state before).
 */
export type Fail = { ok: false; error: ConnectorError };
export type Ok<T> = { ok: true; value: T };

export function kubeOf(context: OperationContext): Ok<KubeTarget> | Fail {
  const target = catalogTarget(context.catalog);
  return target.ok ? { ok: true, value: target.target } : { ok: false, error: target.error };
}

export function workloadRef(target: OperationTarget): WorkloadRef {
  return { kind: target.type === "StatefulSet" ? "StatefulSet" : "Deployment", namespace: target.namespace, name: target.name };
}

interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
}

/** Ready replicas, images and revision of a workload as read (the preview's live context). */
export function workloadFacts(object: KubeJson): LiveFact[] {
  const spec = (object.spec ?? {}) as { replicas?: number; template?: { spec?: { containers?: { name: string; image?: string }[] } } };
  const status = (object.status ?? {}) as WorkloadStatus;
  const annotations = ((object.metadata ?? {}) as { annotations?: Record<string, string> }).annotations ?? {};
  const facts: LiveFact[] = [
    { label: "ready replicas", value: `${status.readyReplicas ?? 0}/${spec.replicas ?? 1}` },
    { label: "images", value: (spec.template?.spec?.containers ?? []).map((container) => `${container.name}=${container.image ?? "?"}`).join(", ") || "none" },
  ];
  if (annotations["deployment.kubernetes.io/revision"]) facts.push({ label: "rollout revision", value: annotations["deployment.kubernetes.io/revision"] });
  return facts;
}

/** The parts of a workload undo needs and the record keeps. */
export function workloadPriorState(object: KubeJson): Record<string, unknown> {
  const spec = (object.spec ?? {}) as { replicas?: number; template?: { spec?: { containers?: { name: string; image?: string }[] } } };
  const metadata = (object.metadata ?? {}) as { resourceVersion?: string; annotations?: Record<string, string> };
  return {
    replicas: spec.replicas ?? 1,
    images: Object.fromEntries((spec.template?.spec?.containers ?? []).map((container) => [container.name, container.image ?? null])),
    revision: metadata.annotations?.["deployment.kubernetes.io/revision"] ?? null,
    resourceVersion: metadata.resourceVersion ?? null,
  };
}

export function versionOf(object: KubeJson): string {
  return String(((object.metadata ?? {}) as { resourceVersion?: string }).resourceVersion ?? "");
}

/** The workload behind a target: its own Deployment/StatefulSet. */
export async function readTargetWorkload(context: OperationContext, ref: WorkloadRef): Promise<Ok<{ kube: KubeTarget; object: KubeJson }> | Fail> {
  const kube = kubeOf(context);
  if (!kube.ok) return kube;
  const object = await readWorkload(kube.value, ref, context.deadlineMs);
  if (!object.ok) return object;
  return { ok: true, value: { kube: kube.value, object: object.value } };
}

/** A workload patch as a preview: the server's dry-run answer diffed against the object now. */
export async function previewPatch(
  context: OperationContext,
  ref: WorkloadRef,
  makePatch: (object: KubeJson) => { strategy: "strategic" | "json"; body: unknown; summary: string } | { disabled: string },
): Promise<Ok<PreviewBody & { object: KubeJson }> | Fail> {
  const read = await readTargetWorkload(context, ref);
  if (!read.ok) return read;
  const { kube, object } = read.value;
  const base = { context: workloadFacts(object), priorState: workloadPriorState(object), version: versionOf(object), object };
  const patch = makePatch(object);
  if ("disabled" in patch) return { ok: true, value: { ...base, summary: patch.disabled, changes: [], disabled: patch.disabled } };
  const dryRun = await patchWorkload(kube, ref, patch, { dryRun: true, deadlineMs: context.deadlineMs });
  if (!dryRun.ok) return dryRun;
  return { ok: true, value: { ...base, summary: patch.summary, changes: fieldChanges(object, dryRun.value), patch: { strategy: patch.strategy, body: patch.body } } };
}

/**
 * After a write that failed or timed out: read the object again and compare with the state
 * before, so the record says exactly what did and did not change (a timeout does not tell).
 */
export async function afterFailure(context: OperationContext, ref: WorkloadRef, prior: KubeJson, planned: FieldChange[], error: ConnectorError): Promise<ExecutionResult> {
  const kube = kubeOf(context);
  const now = kube.ok ? await readWorkload(kube.value, ref, context.deadlineMs) : null;
  if (!now || !now.ok) {
    return {
      outcome: "failed",
      message: `${error.kind}: ${error.message}. The object could not be read again, so whether the change was applied is unknown: check ${ref.kind.toLowerCase()}/${ref.name} before retrying.`,
      changed: [],
      notChanged: [],
      error,
    };
  }
  const changed = fieldChanges(prior, now.value).filter((change) => planned.some((plan) => plan.path === change.path));
  const notChanged = planned.filter((plan) => !changed.some((change) => change.path === plan.path)).map((plan) => plan.path);
  if (!changed.length) return { outcome: "failed", message: `${error.kind}: ${error.message}. Nothing was changed.`, changed: [], notChanged, error };
  return { outcome: "partial", message: `${error.kind}: ${error.message}. Changed: ${changed.map((c) => c.path).join(", ")}; not changed: ${notChanged.join(", ") || "nothing"}.`, changed, notChanged, error };
}

/** Executes the previewed patch for real. */
export async function executePatch(context: OperationContext, ref: WorkloadRef, preview: PreviewBody): Promise<ExecutionResult> {
  const kube = kubeOf(context);
  if (!kube.ok) return { outcome: "failed", message: `${kube.error.message}. Nothing was changed.`, changed: [], notChanged: preview.changes.map((c) => c.path), error: kube.error };
  if (!preview.patch || !preview.object) return { outcome: "failed", message: "Nothing to execute. Nothing was changed.", changed: [], notChanged: [] };
  const result = await patchWorkload(kube.value, ref, preview.patch, { dryRun: false, deadlineMs: context.deadlineMs });
  if (!result.ok) return afterFailure(context, ref, preview.object, preview.changes, result.error);
  const changed = fieldChanges(preview.object, result.value);
  return { outcome: "succeeded", message: changed.length ? `Changed ${changed.map((c) => c.path).join(", ")}.` : "The API server accepted the change; no field differs.", changed, notChanged: [] };
}

/** Checks that show a workload's symptom: its pods, and the consumer lag of its group. */
export function serviceVerifyChecks(context: OperationContext, target: OperationTarget): VerifyCheck[] {
  const service = serviceOf(context.catalog, target);
  if (service) {
    const checks: VerifyCheck[] = [{ check: "kubernetes.get-pods", params: { namespace: service.namespace, selector: serviceSelector(service) } }];
    if (service.kafka) checks.push({ check: "kafka.consumer-group-describe", params: { group: service.kafka.group } });
    return checks;
  }
  const system = systemWorkload(context.catalog, target.owner);
  if (system) return [{ check: "kubernetes.get-pods", params: { namespace: system.namespace, selector: system.selector } }];
  return [];
}
