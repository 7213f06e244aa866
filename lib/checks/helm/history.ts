import { z } from "zod";
import { readRelease, type HelmRevision } from "@/lib/connectors/helm/releases";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { releaseParams } from "./params";

/**
 * `helm history data-processing-pipeline -n data-processing` ("Check deployment history"):
 * every revision with status, chart, app version, when and description, oldest first as
 * helm prints it. Verdict: fail when the latest revision failed or is pending; warn when an
 * earlier revision failed (naming which, and the latest failure's chart and description);
 * ok otherwise.
 */
export interface HistoryData {
  revisions: HelmRevision[];
  failed: number[];
  latest: number;
}

const PENDING = /^pending-/;

export function judgeHistory(release: string, revisions: HelmRevision[]): { verdict: Verdict; summary: string; data: HistoryData } {
  const latest = revisions.at(-1)!;
  const failed = revisions.filter((revision) => revision.status === "failed");
  const data = { revisions, failed: failed.map((revision) => revision.revision), latest: latest.revision };
  const head = `${revisions.length} revisions of ${release}, latest ${latest.revision} ${latest.status} (${latest.chart})`;
  if (latest.status === "failed" || PENDING.test(latest.status)) return { verdict: "fail", summary: `${head}: ${latest.description}`, data };
  if (failed.length) {
    const last = failed.at(-1)!;
    const numbers = failed.length > 8 ? `${failed.slice(0, 3).map((revision) => revision.revision).join(", ")} … ${failed.slice(-3).map((revision) => revision.revision).join(", ")}` : failed.map((revision) => revision.revision).join(", ");
    const which = failed.length === 1 ? `revision ${last.revision} failed` : `${failed.length} failed revisions (${numbers}), the latest ${last.revision}`;
    return { verdict: "warn", summary: `${head}; ${which}: ${last.chart}, ${last.description.slice(0, 160)}`, data };
  }
  return { verdict: "ok", summary: `${head}, no failed revisions`, data };
}

export const history = defineCheck({
  id: "helm.history",
  system: "kubernetes",
  title: "Helm release history",
  runbook: { procedure: "deployment-failures", purpose: "Check deployment history", command: "helm history data-processing-pipeline -n data-processing" },
  params: z.object({ ...releaseParams, max: z.number().int().min(1).max(256).default(256) }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await readRelease(target.target, params.namespace, params.release, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeHistory(params.release, result.value.history.slice(-params.max));
  },
});
