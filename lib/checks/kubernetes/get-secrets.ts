import { z } from "zod";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { listSecrets, type SecretsOverview } from "@/lib/connectors/kubernetes/secrets";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { namespace } from "./params";

/**
 * `kubectl get secrets -n data-processing` ("Check image pull secrets"): names, types and
 * key counts (never values), and which pods reference each image pull secret.
 * Verdict: fail when a pod references an image pull secret that does not exist (it can
 * never pull); ok otherwise.
 */
export function judgeSecrets(overview: SecretsOverview, namespaceName: string): { verdict: Verdict; summary: string; data: SecretsOverview } {
  const missing = overview.pullSecrets.filter((secret) => !secret.exists && secret.pods.length);
  const helm = overview.secrets.filter((secret) => secret.type === "helm.sh/release.v1").length;
  const parts = [`${overview.secrets.length} secrets in ${namespaceName}${helm ? ` (${helm} Helm release revisions)` : ""}`];
  for (const secret of missing) parts.push(`pull secret ${secret.name} missing, referenced by ${secret.pods.length} pods (${secret.pods.slice(0, 3).join(", ")})`);
  for (const secret of overview.pullSecrets.filter((entry) => entry.exists)) parts.push(`pull secret ${secret.name} used by ${secret.pods.length} pods`);
  if (!overview.pullSecrets.length) parts.push("no image pull secrets");
  return { verdict: missing.length ? "fail" : "ok", summary: parts.join(", "), data: overview };
}

export const getSecrets = defineCheck({
  id: "kubernetes.get-secrets",
  system: "kubernetes",
  title: "Secrets and image pull secrets",
  runbook: { procedure: "image-pull-failures", purpose: "Check image pull secrets", command: "kubectl get secrets -n data-processing" },
  params: z.object({ namespace }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await listSecrets(target.target, params.namespace, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeSecrets(result.value, params.namespace);
  },
});
