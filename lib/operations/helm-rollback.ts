import "server-only";
import { z } from "zod";
import { findHelm, helmRollback } from "@/lib/connectors/helm/helm-cli";
import { readReleaseManifests, type RevisionManifest } from "@/lib/connectors/helm/manifests";
import { manifestChanges } from "./diff";
import type { OperationDefinition } from "./types";
import { kubeOf } from "./workload";

const params = z.object({ revision: z.number().int().positive().optional() }).strict();

/** A rollback may wait for Kubernetes objects to be applied: longer than a read's deadline. */
export const HELM_TIMEOUT_MS = 60_000;

/**
 * The revision `helm rollback <release>` goes to when none is given: the newest revision
 * before the latest that was deployed successfully (deployed or superseded). Pure.
 */
export function defaultRollbackRevision(revisions: RevisionManifest[]): RevisionManifest | undefined {
  const latest = revisions.at(-1);
  return revisions.filter((r) => r !== latest && (r.status === "deployed" || r.status === "superseded")).at(-1);
}

/**
 * `helm rollback <release> <revision> -n <namespace>` by the real helm CLI (HELM_BIN, else
 * PATH): Helm writes its own bookkeeping (a new revision "Rollback to N"). The preview is
 * the manifest diff between the latest revision — what Helm compares against, including a
 * failed upgrade's half-applied objects — and the target, from the release Secrets.
 * Undo: roll back again to the revision deployed before.
 */
export const helmRollbackOperation: OperationDefinition<typeof params> = {
  kind: "helm-rollback",
  params,
  accepts: (target) => target.type === "HelmRelease",
  async preview(context, target, { revision }) {
    const kube = kubeOf(context);
    if (!kube.ok) return kube;
    const revisions = await readReleaseManifests(kube.value, target.namespace, target.name, context.deadlineMs);
    if (!revisions.ok) return revisions;
    const latest = revisions.value.at(-1)!;
    const deployed = [...revisions.value].reverse().find((r) => r.status === "deployed");
    const chosen = revision !== undefined ? revisions.value.find((r) => r.revision === revision) : defaultRollbackRevision(revisions.value);
    const facts = [
      { label: "latest revision", value: `${latest.revision} (${latest.status}, chart ${latest.chartVersion ?? "?"}): ${latest.description}` },
      { label: "deployed revision", value: deployed ? `${deployed.revision} (chart ${deployed.chartVersion ?? "?"})` : "none" },
      ...revisions.value.slice(-6).map((r) => ({ label: `revision ${r.revision}`, value: `${r.status}, chart ${r.chartVersion ?? "?"}` })),
    ];
    const priorState = { revision: latest.revision, status: latest.status, deployedRevision: deployed?.revision ?? null };
    const helm = findHelm(context.env);
    const disabled = !chosen
      ? revision !== undefined
        ? `revision ${revision} not found (revisions: ${revisions.value.map((r) => r.revision).join(", ")})`
        : "no earlier successful revision to roll back to"
      : !helm.ok
        ? helm.reason
        : undefined;
    const changes = chosen ? manifestChanges(latest.manifest, chosen.manifest) : [];
    return {
      ok: true,
      value: {
        summary: disabled ?? `roll ${target.name} back to revision ${chosen!.revision} (chart ${chosen!.chartVersion ?? "?"}): helm writes revision ${latest.revision + 1} "Rollback to ${chosen!.revision}"`,
        changes,
        context: facts,
        priorState: { ...priorState, toRevision: chosen?.revision ?? null },
        version: `${latest.revision}`,
        disabled,
        warnings: chosen && !changes.length ? ["the manifests of both revisions are the same: only the release's record changes"] : undefined,
      },
    };
  },
  async execute(context, target, _params, preview) {
    const kube = kubeOf(context);
    const helm = findHelm(context.env);
    const toRevision = preview.priorState.toRevision as number | null;
    if (!kube.ok || !helm.ok || !toRevision) return { outcome: "failed", message: `${!kube.ok ? kube.error.message : !helm.ok ? helm.reason : "no revision to roll back to"}. Nothing was changed.`, changed: [], notChanged: ["release history"] };
    const result = await helmRollback({ bin: helm.bin, target: kube.value, namespace: target.namespace, release: target.name, revision: toRevision, timeoutMs: HELM_TIMEOUT_MS });
    // What Helm recorded, whatever it answered: a new revision exists or it does not.
    const after = await readReleaseManifests(kube.value, target.namespace, target.name, context.deadlineMs);
    const before = Number(preview.priorState.revision);
    const added = after.ok ? after.value.filter((r) => r.revision > before) : [];
    const changed = added.map((r) => ({ path: `revision ${r.revision}`, before: undefined, after: `${r.status}: ${r.description}` }));
    if (result.ok && added.some((r) => r.status === "deployed")) return { outcome: "succeeded", message: `Helm rolled ${target.name} back to revision ${toRevision}.`, changed, notChanged: [], output: result.value.output };
    const error = result.ok ? { kind: "bad_response" as const, message: "helm answered but no deployed revision was written" } : result.error;
    if (!after.ok) return { outcome: "failed", message: `${error.message}. The release could not be read again, so whether Helm changed it is unknown.`, changed: [], notChanged: [], error };
    if (!added.length) return { outcome: "failed", message: `${error.message}. Nothing was changed: the latest revision is still ${before}.`, changed: [], notChanged: ["release history", "cluster objects"], error };
    return { outcome: "partial", message: `${error.message}. Helm wrote ${changed.map((c) => `${c.path} (${String(c.after)})`).join(", ")}; check the release's objects.`, changed, notChanged: [], error };
  },
  undo: (target, _params, prior) =>
    typeof prior.deployedRevision === "number" ? { kind: "helm-rollback", target: target.id, params: { revision: prior.deployedRevision }, summary: `roll ${target.name} back to revision ${prior.deployedRevision} (deployed before)` } : null,
  verify: (context, target) => [{ check: "helm.status", params: { release: target.name, namespace: target.namespace } }],
};
