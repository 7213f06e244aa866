import "server-only";
import { z } from "zod";
import { deletePod as deletePodCall, readPod, type KubeJson } from "@/lib/connectors/kubernetes/mutations";
import { fieldChanges } from "./diff";
import { serviceOf, serviceSelector } from "./targets";
import type { LiveFact, OperationDefinition, OperationTarget, OperationContext } from "./types";
import { kubeOf, serviceVerifyChecks } from "./workload";

/** The API server stamps these when it accepts a deletion: compared for presence, not value. */
const VOLATILE = [/^metadata\.deletionTimestamp$/];

/**
 * What a deletion changes on the pod. Other fields of a live pod move on their own between
 * two reads (status, annotations its node writes), and are not the operation's doing.
 */
const deletionChanges = (before: KubeJson, after: KubeJson) => fieldChanges(before, after).filter((change) => /^metadata\.deletion/.test(change.path));

/** Whether the pod's labels satisfy the service's selector (a=b,c=d), so only catalog pods can be deleted. Pure. */
export function podMatches(pod: KubeJson, selector: string): boolean {
  const labels = ((pod.metadata ?? {}) as { labels?: Record<string, string> }).labels ?? {};
  return selector.split(",").every((part) => {
    const [key, value] = part.split(/==?/);
    return key !== undefined && labels[key] === value;
  });
}

function podFacts(pod: KubeJson): LiveFact[] {
  const status = (pod.status ?? {}) as { phase?: string; containerStatuses?: { ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string } } }[] };
  const containers = status.containerStatuses ?? [];
  const waiting = containers.map((c) => c.state?.waiting?.reason).filter(Boolean);
  return [
    { label: "phase", value: `${status.phase ?? "?"}${waiting.length ? ` (${waiting.join(", ")})` : ""}` },
    { label: "ready containers", value: `${containers.filter((c) => c.ready).length}/${containers.length}` },
    { label: "restarts", value: String(containers.reduce((sum, c) => sum + (c.restartCount ?? 0), 0)) },
  ];
}

async function checkedPod(context: OperationContext, target: OperationTarget) {
  const kube = kubeOf(context);
  if (!kube.ok) return kube;
  const pod = await readPod(kube.value, target.namespace, target.name, context.deadlineMs);
  if (!pod.ok) return pod;
  const service = serviceOf(context.catalog, target);
  if (!service || !podMatches(pod.value, serviceSelector(service))) {
    return { ok: false as const, error: { kind: "not_found" as const, message: `pod ${target.name} is not a pod of a catalog service` } };
  }
  return { ok: true as const, value: { kube: kube.value, pod: pod.value } };
}

/**
 * `kubectl delete pod <pod> -n <namespace>`: the pod's controller replaces it with a fresh
 * one (a crash-looping or stuck process gets a clean start). Undo: none — the
 * ReplicaSet restores the pod count itself.
 */
export const deletePod: OperationDefinition<z.ZodObject<Record<string, never>>> = {
  kind: "delete-pod",
  params: z.object({}).strict(),
  accepts: (target) => target.type === "Pod",
  volatile: VOLATILE,
  async preview(context, target) {
    const checked = await checkedPod(context, target);
    if (!checked.ok) return checked;
    const { kube, pod } = checked.value;
    const dryRun = await deletePodCall(kube, target.namespace, target.name, { dryRun: true, deadlineMs: context.deadlineMs });
    if (!dryRun.ok) return dryRun;
    const metadata = (pod.metadata ?? {}) as { resourceVersion?: string; ownerReferences?: { kind: string; name: string }[] };
    const owner = metadata.ownerReferences?.[0];
    return {
      ok: true,
      value: {
        summary: `delete pod ${target.name}${owner ? `; ${owner.kind} ${owner.name} creates a new one` : "; it has no controller: nothing will recreate it"}`,
        changes: deletionChanges(pod, dryRun.value),
        context: podFacts(pod),
        priorState: { pod: target.name, owner: owner ? `${owner.kind}/${owner.name}` : null, resourceVersion: metadata.resourceVersion ?? null },
        version: metadata.resourceVersion ?? "",
        warnings: owner ? undefined : ["this pod has no controller: deleting it removes it for good"],
        object: pod,
      },
    };
  },
  async execute(context, target, _params, preview) {
    const kube = kubeOf(context);
    if (!kube.ok) return { outcome: "failed", message: `${kube.error.message}. Nothing was changed.`, changed: [], notChanged: [`pod ${target.name}`], error: kube.error };
    const result = await deletePodCall(kube.value, target.namespace, target.name, { dryRun: false, deadlineMs: context.deadlineMs });
    if (result.ok) return { outcome: "succeeded", message: `Pod ${target.name} is being deleted.`, changed: deletionChanges(preview.object ?? {}, result.value), notChanged: [] };
    // Was it deleted anyway? Read it again.
    const now = await readPod(kube.value, target.namespace, target.name, context.deadlineMs);
    const deleting = now.ok && Boolean((now.value.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp);
    if (deleting || (!now.ok && now.error.kind === "not_found")) {
      return { outcome: "succeeded", message: `Pod ${target.name} was deleted (the answer was lost: ${result.error.kind}).`, changed: [{ path: "pod", before: target.name, after: undefined }], notChanged: [] };
    }
    if (!now.ok) return { outcome: "failed", message: `${result.error.kind}: ${result.error.message}. The pod could not be read again, so whether it was deleted is unknown.`, changed: [], notChanged: [], error: result.error };
    return { outcome: "failed", message: `${result.error.kind}: ${result.error.message}. Nothing was changed: pod ${target.name} is still there.`, changed: [], notChanged: [`pod ${target.name}`], error: result.error };
  },
  undo: () => null,
  verify: serviceVerifyChecks,
};
