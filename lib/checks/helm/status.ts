import { z } from "zod";
import { readRelease, type HelmReleaseStatus } from "@/lib/connectors/helm/releases";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { releaseParams } from "./params";

/**
 * `helm status data-processing-pipeline -n data-processing` ("Check deployment status"):
 * the latest revision's status, chart, app version, when and description, read from Helm's
 * release Secrets. Not its notes or values: a result becomes evidence on the incident, which
 * every role reads (viewers too), and charts print credentials in both.
 * Verdict: ok when deployed; fail when failed, pending-*, uninstalling/uninstalled or unknown.
 */
export type HelmStatusEvidence = Omit<HelmReleaseStatus, "notes" | "values">;

export function judgeStatus(status: HelmReleaseStatus, now = Date.now()): { verdict: Verdict; summary: string; data: HelmStatusEvidence } {
  const age = status.updated ? ago(now - Date.parse(status.updated)) : "at an unknown time";
  const { notes: _notes, values: _values, ...data } = status;
  const base = `${status.name} revision ${status.revision} ${status.status}: ${status.chart} (app ${status.appVersion ?? "?"}), ${age}`;
  if (status.status === "deployed") return { verdict: "ok", summary: base, data };
  const running = status.deployedRevision !== null ? `; revision ${status.deployedRevision} is the one deployed` : "; no revision is deployed";
  return { verdict: "fail", summary: `${base} — ${status.description}${running}`, data };
}

export function ago(ms: number): string {
  if (!Number.isFinite(ms)) return "at an unknown time";
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export const status = defineCheck({
  id: "helm.status",
  system: "kubernetes",
  title: "Helm release status",
  runbook: { procedure: "deployment-failures", purpose: "Check deployment status", command: "helm status data-processing-pipeline -n data-processing" },
  params: z.object(releaseParams),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await readRelease(target.target, params.namespace, params.release, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeStatus(result.value.status);
  },
});
