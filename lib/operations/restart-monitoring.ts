import "server-only";
import { z } from "zod";
import { findWorkloads, type WorkloadRef } from "@/lib/connectors/kubernetes/mutations";
import { restartPatch, RESTART_VOLATILE } from "./rollout-restart";
import { systemWorkload } from "./targets";
import type { OperationContext, OperationDefinition, OperationTarget } from "./types";
import { executePatch, kubeOf, previewPatch, serviceVerifyChecks, type Fail, type Ok } from "./workload";

/** The workload of Prometheus, Grafana or Jaeger: the one whose pod template matches the catalog's selector. */
async function monitoringWorkload(context: OperationContext, target: OperationTarget): Promise<Ok<WorkloadRef | null> | Fail> {
  const system = systemWorkload(context.catalog, target.owner);
  if (!system) return { ok: false, error: { kind: "not_found", message: `${target.owner} is not a monitoring system` } };
  const kube = kubeOf(context);
  if (!kube.ok) return kube;
  const found = await findWorkloads(kube.value, system.namespace, system.selector, context.deadlineMs);
  if (!found.ok) return found;
  return { ok: true, value: found.value[0] ?? null };
}

/**
 * The runbook's "restart Prometheus / Grafana / Jaeger": a rollout restart of the
 * system's workload in its namespace (found by the catalog's selector, e.g. app=prometheus
 * in monitoring). Undo: none.
 */
export const restartMonitoring: OperationDefinition<z.ZodObject<Record<string, never>>> = {
  kind: "restart-monitoring",
  params: z.object({}).strict(),
  accepts: (target) => target.type === "System",
  volatile: RESTART_VOLATILE,
  async preview(context, target) {
    const workload = await monitoringWorkload(context, target);
    if (!workload.ok) return workload;
    if (!workload.value) {
      const system = systemWorkload(context.catalog, target.owner);
      const reason = `no Deployment or StatefulSet in ${system?.namespace} runs ${system?.selector}`;
      return { ok: true, value: { summary: reason, changes: [], context: [], priorState: {}, version: "", disabled: reason } };
    }
    const ref = workload.value;
    const preview = await previewPatch(context, ref, () => ({ strategy: "strategic", body: restartPatch(), summary: `restart ${target.owner} (${ref.kind.toLowerCase()} ${ref.namespace}/${ref.name})` }));
    if (!preview.ok) return preview;
    return { ok: true, value: { ...preview.value, priorState: { ...preview.value.priorState, workload: ref } } };
  },
  async execute(context, target, _params, preview) {
    const ref = preview.priorState.workload as WorkloadRef | undefined;
    if (!ref) return { outcome: "failed", message: "No workload to restart. Nothing was changed.", changed: [], notChanged: [] };
    return executePatch(context, ref, { ...preview, patch: { strategy: "strategic", body: restartPatch() } });
  },
  undo: () => null,
  verify: serviceVerifyChecks,
};
