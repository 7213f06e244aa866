/**
 * helm-failed: an upgrade to chart 2.5.0 fails (a new revision with status failed; the
 * previous one stays deployed, as Helm leaves it). Heal: `helm rollback` — a new revision
 * "Rollback to N", deployed, with the previous deployed one superseded.
 */
import { setFault } from "../core/fault-state.ts";
import { CHART_VERSION, RELEASE } from "../cluster/manifests.ts";
import { appendRevision, storedRevisions } from "../cluster/helm-release.ts";
import type { Fault } from "./fault.ts";

export const helmFailed: Fault = {
  name: "helm-failed",
  runbook: "Deployment Issues › Deployment Failures",
  description: `helm upgrade of ${RELEASE} to chart 2.5.0 failed: the latest revision is failed`,
  inject: async () => {
    setFault("helm-failed", true);
    appendRevision({
      status: "failed", chartVersion: "2.5.0", appVersion: "2.5.0",
      description: `Upgrade "${RELEASE}" failed: timed out waiting for the condition: deployment enrichment-service exceeded its progress deadline`,
    });
  },
  heal: async () => {
    const deployed = storedRevisions().filter((r) => r.status === "deployed").at(-1);
    appendRevision({ status: "deployed", chartVersion: CHART_VERSION, appVersion: CHART_VERSION, description: `Rollback to ${deployed?.version ?? 1}` });
    setFault("helm-failed", false);
  },
};
