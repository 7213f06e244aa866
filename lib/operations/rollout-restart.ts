import "server-only";
import { z } from "zod";
import type { OperationDefinition } from "./types";
import { executePatch, previewPatch, serviceVerifyChecks, workloadRef } from "./workload";

/** The annotation `kubectl rollout restart` writes on the pod template; its value is the time of the restart. */
export const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

/** kubectl's value: RFC 3339 in seconds (time.Now().Format(time.RFC3339)). */
export function restartStamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The strategic merge patch `kubectl rollout restart` sends. */
export function restartPatch(now = new Date()) {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartStamp(now) } } } } };
}

export const RESTART_VOLATILE = [/restartedAt"\]$/];

/**
 * `kubectl rollout restart deployment/<service>`: a new pod template annotation, so the
 * controller replaces every pod (one at a time with maxUnavailable 0). Undo: none — the
 * old pods are gone; a restart is not reversible and needs no reversal.
 */
export const rolloutRestart: OperationDefinition<z.ZodObject<Record<string, never>>> = {
  kind: "rollout-restart",
  params: z.object({}).strict(),
  accepts: (target) => target.type === "Deployment" || target.type === "StatefulSet",
  volatile: RESTART_VOLATILE,
  preview: (context, target) =>
    previewPatch(context, workloadRef(target), () => ({ strategy: "strategic", body: restartPatch(), summary: `restart every pod of ${target.type.toLowerCase()} ${target.name} (the controller replaces them one by one)` })),
  // A fresh timestamp at execution, as kubectl would write it then.
  execute: (context, target, _params, preview) => executePatch(context, workloadRef(target), { ...preview, patch: { strategy: "strategic", body: restartPatch() } }),
  undo: () => null,
  verify: serviceVerifyChecks,
};
