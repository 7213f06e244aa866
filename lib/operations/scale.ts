import "server-only";
import { z } from "zod";
import { scaleWorkload } from "@/lib/connectors/kubernetes/mutations";
import type { OperationDefinition } from "./types";
import { afterFailure, kubeOf, readTargetWorkload, serviceVerifyChecks, versionOf, workloadFacts, workloadPriorState, workloadRef } from "./workload";

/** At most this many replicas from the console: a typo of 100 for 10 should not reach the cluster. */
export const MAX_REPLICAS = 20;

const params = z.object({ replicas: z.number().int().min(0).max(MAX_REPLICAS) }).strict();

/**
 * `kubectl scale deployment/<service> --replicas=N` through the scale subresource (the
 * same call kubectl makes, so a HorizontalPodAutoscaler sees it the same way). Undo: scale
 * back to the replicas before.
 */
export const scale: OperationDefinition<typeof params> = {
  kind: "scale",
  params,
  accepts: (target) => target.type === "Deployment" || target.type === "StatefulSet",
  async preview(context, target, { replicas }) {
    const read = await readTargetWorkload(context, workloadRef(target));
    if (!read.ok) return read;
    const { kube, object } = read.value;
    const before = ((object.spec ?? {}) as { replicas?: number }).replicas ?? 1;
    const dryRun = await scaleWorkload(kube, workloadRef(target), replicas, { dryRun: true, deadlineMs: context.deadlineMs });
    if (!dryRun.ok) return dryRun;
    // Scale's spec.replicas is omitempty: 0 comes back as no field
    const after = ((dryRun.value.spec ?? {}) as { replicas?: number }).replicas ?? 0;
    const changes = after === before ? [] : [{ path: "spec.replicas", before, after }];
    return {
      ok: true,
      value: {
        summary: `scale ${target.name} from ${before} to ${replicas} replica${replicas === 1 ? "" : "s"}`,
        changes,
        context: workloadFacts(object),
        priorState: workloadPriorState(object),
        version: versionOf(object),
        warnings: replicas === 0 ? ["0 replicas stops the service: nothing will process until it is scaled up again"] : undefined,
        object,
      },
    };
  },
  async execute(context, target, { replicas }, preview) {
    const kube = kubeOf(context);
    if (!kube.ok) return { outcome: "failed", message: `${kube.error.message}. Nothing was changed.`, changed: [], notChanged: ["spec.replicas"], error: kube.error };
    const result = await scaleWorkload(kube.value, workloadRef(target), replicas, { dryRun: false, deadlineMs: context.deadlineMs });
    const prior = preview.object ?? {};
    if (!result.ok) return afterFailure(context, workloadRef(target), prior, preview.changes, result.error);
    const after = ((result.value.spec ?? {}) as { replicas?: number }).replicas ?? 0;
    const before = preview.priorState.replicas;
    return { outcome: "succeeded", message: `spec.replicas ${String(before)} → ${String(after)}.`, changed: before === after ? [] : [{ path: "spec.replicas", before, after }], notChanged: [] };
  },
  undo: (target, _params, prior) =>
    typeof prior.replicas === "number" ? { kind: "scale", target: target.id, params: { replicas: prior.replicas }, summary: `scale ${target.name} back to ${prior.replicas} replica${prior.replicas === 1 ? "" : "s"}` } : null,
  verify: serviceVerifyChecks,
};
