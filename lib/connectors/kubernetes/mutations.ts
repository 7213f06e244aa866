import { PatchStrategy, setHeaderOptions, type V1Deployment, type V1Pod, type V1ReplicaSet, type V1StatefulSet } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { selectorString } from "./deployments";
import { appsApi, coreApi, type KubeTarget } from "./kube-client";
import { KubeNotFoundError, kubeCall } from "./kube-call";

/**
 * The mutating Kubernetes calls behind the console's operations (lib/operations): each
 * takes `dryRun` so the same call previews (`dryRun=All`: the API server runs admission and
 * defaulting and answers with the object as it would be, storing nothing) and executes.
 * Objects come back as plain JSON (wire field names), ready to diff and to store.
 */
export type WorkloadKind = "Deployment" | "StatefulSet";
export interface WorkloadRef {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** A Kubernetes object as JSON (the wire form: `exec`, not client-node's `_exec`; dates as strings). */
export type KubeJson = Record<string, unknown>;

/** client-node's model objects as the JSON the API server speaks. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      // client-node prefixes fields named like reserved words (_exec, _ref, _continue, _default, _enum, _not)
      out[/^_(exec|ref|continue|default|enum|not)$/.test(key) ? key.slice(1) : key] = toWire(item);
    }
    return out;
  }
  return value;
}

const dry = (dryRun: boolean) => (dryRun ? "All" : undefined);
const describe = (ref: WorkloadRef) => `${ref.kind.toLowerCase()} ${ref.namespace}/${ref.name}`;

/** `kubectl get deployment|statefulset <name> -o json` */
export function readWorkload(target: KubeTarget, ref: WorkloadRef, deadlineMs: number): Promise<ConnectorResult<KubeJson>> {
  return kubeCall(target, deadlineMs, describe(ref), async ({ options }) => {
    const api = appsApi(target);
    const object: V1Deployment | V1StatefulSet =
      ref.kind === "Deployment" ? await api.readNamespacedDeployment({ namespace: ref.namespace, name: ref.name }, options) : await api.readNamespacedStatefulSet({ namespace: ref.namespace, name: ref.name }, options);
    return toWire(object) as KubeJson;
  });
}

/**
 * A strategic merge patch (`kubectl patch`, `kubectl set image`, `kubectl rollout restart`)
 * or a JSON patch (`kubectl rollout undo` replaces the whole pod template) of a workload.
 */
export function patchWorkload(
  target: KubeTarget,
  ref: WorkloadRef,
  patch: { strategy: "strategic" | "json"; body: unknown },
  options: { dryRun: boolean; deadlineMs: number },
): Promise<ConnectorResult<KubeJson>> {
  return kubeCall(target, options.deadlineMs, describe(ref), async ({ options: call }) => {
    const api = appsApi(target);
    const withType = setHeaderOptions("Content-Type", patch.strategy === "json" ? PatchStrategy.JsonPatch : PatchStrategy.StrategicMergePatch, call);
    const request = { namespace: ref.namespace, name: ref.name, body: patch.body, dryRun: dry(options.dryRun), fieldManager: "incident-console" };
    const object: V1Deployment | V1StatefulSet = ref.kind === "Deployment" ? await api.patchNamespacedDeployment(request, withType) : await api.patchNamespacedStatefulSet(request, withType);
    return toWire(object) as KubeJson;
  });
}

/** `kubectl scale --replicas=N` through the scale subresource; answers the Scale object (spec.replicas as stored). */
export function scaleWorkload(target: KubeTarget, ref: WorkloadRef, replicas: number, options: { dryRun: boolean; deadlineMs: number }): Promise<ConnectorResult<KubeJson>> {
  return kubeCall(target, options.deadlineMs, `${describe(ref)} scale`, async ({ options: call }) => {
    const api = appsApi(target);
    const withType = setHeaderOptions("Content-Type", PatchStrategy.MergePatch, call);
    const request = { namespace: ref.namespace, name: ref.name, body: { spec: { replicas } }, dryRun: dry(options.dryRun), fieldManager: "incident-console" };
    const scale = ref.kind === "Deployment" ? await api.patchNamespacedDeploymentScale(request, withType) : await api.patchNamespacedStatefulSetScale(request, withType);
    return toWire(scale) as KubeJson;
  });
}

/** `kubectl get pod <name> -o json` */
export function readPod(target: KubeTarget, namespace: string, name: string, deadlineMs: number): Promise<ConnectorResult<KubeJson>> {
  return kubeCall(target, deadlineMs, `pod ${namespace}/${name}`, async ({ options }) => toWire(await coreApi(target).readNamespacedPod({ namespace, name }, options)) as KubeJson);
}

/** `kubectl delete pod <name>`; answers the pod as the API server marked it (deletionTimestamp set). */
export function deletePod(target: KubeTarget, namespace: string, name: string, options: { dryRun: boolean; deadlineMs: number }): Promise<ConnectorResult<KubeJson>> {
  return kubeCall(target, options.deadlineMs, `pod ${namespace}/${name}`, async ({ options: call }) => {
    const pod: V1Pod = await coreApi(target).deleteNamespacedPod({ namespace, name, dryRun: dry(options.dryRun) }, call);
    return toWire(pod) as KubeJson;
  });
}

/** Deployments and StatefulSets of a namespace whose pod template carries every label of `selector` (a=b,c=d). */
export function findWorkloads(target: KubeTarget, namespace: string, selector: string, deadlineMs: number): Promise<ConnectorResult<WorkloadRef[]>> {
  return kubeCall(target, deadlineMs, `workloads in ${namespace}`, async ({ options }) => {
    const api = appsApi(target);
    const [deployments, statefulSets] = await Promise.all([api.listNamespacedDeployment({ namespace }, options), api.listNamespacedStatefulSet({ namespace }, options)]);
    const wanted = selector.split(",").map((part) => part.split(/==?/));
    const matches = (labels: Record<string, string> | undefined) => wanted.every(([key, value]) => labels?.[key ?? ""] === value);
    return [
      ...deployments.items.filter((item) => matches(item.spec?.template.metadata?.labels)).map((item) => ({ kind: "Deployment" as const, namespace, name: item.metadata?.name ?? "" })),
      ...statefulSets.items.filter((item) => matches(item.spec?.template.metadata?.labels)).map((item) => ({ kind: "StatefulSet" as const, namespace, name: item.metadata?.name ?? "" })),
    ];
  });
}

export interface OwnedReplicaSet {
  name: string;
  /** `deployment.kubernetes.io/revision` */
  revision: number;
  /** the pod template as stored, wire JSON */
  template: KubeJson;
}

/** The ReplicaSets a Deployment owns (what `kubectl rollout history` lists), oldest revision first. */
export function ownedReplicaSets(target: KubeTarget, deployment: KubeJson, deadlineMs: number): Promise<ConnectorResult<OwnedReplicaSet[]>> {
  const metadata = (deployment.metadata ?? {}) as { name?: string; namespace?: string; uid?: string };
  const namespace = metadata.namespace ?? "";
  return kubeCall(target, deadlineMs, `replica sets of deployment ${namespace}/${metadata.name}`, async ({ options }) => {
    const spec = deployment.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined;
    const labelSelector = selectorString(spec?.selector) ?? undefined;
    if (!labelSelector) throw new KubeNotFoundError(`deployment ${namespace}/${metadata.name} has no selector`);
    const list = await appsApi(target).listNamespacedReplicaSet({ namespace, labelSelector }, options);
    return list.items
      .filter((rs: V1ReplicaSet) => rs.metadata?.ownerReferences?.some((owner) => owner.uid === metadata.uid))
      .map((rs) => ({ name: rs.metadata?.name ?? "", revision: Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? 0), template: toWire(rs.spec?.template ?? {}) as KubeJson }))
      .sort((a, b) => a.revision - b.revision);
  });
}
