import "server-only";
import { z } from "zod";
import { ownedReplicaSets, patchWorkload, type KubeJson, type OwnedReplicaSet } from "@/lib/connectors/kubernetes/mutations";
import { fieldChanges } from "./diff";
import type { OperationDefinition } from "./types";
import { executePatch, readTargetWorkload, serviceVerifyChecks, versionOf, workloadFacts, workloadPriorState, workloadRef } from "./workload";

const params = z.object({ toRevision: z.number().int().positive().optional() }).strict();

/** The template `kubectl rollout undo` puts back: the ReplicaSet's, without the hash label the controller adds. */
export function templateForRollback(replicaSet: OwnedReplicaSet): KubeJson {
  const template = structuredClone(replicaSet.template) as { metadata?: { labels?: Record<string, string> } };
  if (template.metadata?.labels) delete template.metadata.labels["pod-template-hash"];
  return template as KubeJson;
}

/**
 * Which revision `kubectl rollout undo [--to-revision=N]` goes to: N, or the newest
 * revision older than the current one. Pure.
 */
export function rollbackRevision(replicaSets: OwnedReplicaSet[], current: number, toRevision?: number): OwnedReplicaSet | { error: string } {
  if (toRevision !== undefined) return replicaSets.find((rs) => rs.revision === toRevision) ?? { error: `revision ${toRevision} not found (revisions: ${replicaSets.map((rs) => rs.revision).join(", ") || "none"})` };
  const older = replicaSets.filter((rs) => rs.revision < current);
  return older.at(-1) ?? { error: `no revision before ${current} to roll back to` };
}

const imagesOf = (template: KubeJson) =>
  ((template.spec as { containers?: { name: string; image?: string }[] } | undefined)?.containers ?? []).map((c) => `${c.name}=${c.image ?? "?"}`).join(", ");

/**
 * `kubectl rollout undo deployment/<service> [--to-revision=N]`: the Deployment's pod
 * template replaced by the one of the previous ReplicaSet (JSON patch, as kubectl does).
 * Undo: roll back again, to the revision that was current.
 */
export const rolloutUndo: OperationDefinition<typeof params> = {
  kind: "rollout-undo",
  params,
  accepts: (target) => target.type === "Deployment",
  async preview(context, target, { toRevision }) {
    const read = await readTargetWorkload(context, workloadRef(target));
    if (!read.ok) return read;
    const { kube, object } = read.value;
    const base = { context: workloadFacts(object), priorState: workloadPriorState(object), version: versionOf(object), object };
    const replicaSets = await ownedReplicaSets(kube, object, context.deadlineMs);
    if (!replicaSets.ok) return replicaSets;
    const current = Number(base.priorState.revision ?? 0);
    const history = replicaSets.value.map((rs) => ({ label: `revision ${rs.revision}${rs.revision === current ? " (current)" : ""}`, value: imagesOf(rs.template) }));
    const chosen = rollbackRevision(replicaSets.value, current, toRevision);
    if ("error" in chosen) return { ok: true, value: { ...base, context: [...base.context, ...history], summary: chosen.error, changes: [], disabled: chosen.error } };
    const template = templateForRollback(chosen);
    const patch = { strategy: "json" as const, body: [{ op: "replace", path: "/spec/template", value: template }] };
    const dryRun = await patchWorkload(kube, workloadRef(target), patch, { dryRun: true, deadlineMs: context.deadlineMs });
    if (!dryRun.ok) return dryRun;
    const changes = fieldChanges(object, dryRun.value);
    return {
      ok: true,
      value: {
        ...base,
        context: [...base.context, ...history],
        priorState: { ...base.priorState, toRevision: chosen.revision },
        summary: changes.length ? `roll ${target.name} back to revision ${chosen.revision} (${imagesOf(chosen.template)})` : `revision ${chosen.revision}'s template is already the current one: nothing would change`,
        changes,
        patch,
        warnings: changes.length ? undefined : ["kubectl would say: skipped rollback (current template already matches)"],
      },
    };
  },
  execute: (context, target, _params, preview) => executePatch(context, workloadRef(target), preview),
  undo: (target, _params, prior) =>
    prior.revision ? { kind: "rollout-undo", target: target.id, params: {}, summary: `roll ${target.name} forward again to the template of revision ${String(prior.revision)}` } : null,
  verify: serviceVerifyChecks,
};
