import type { V1Deployment, V1LabelSelector } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { appsApi, type KubeTarget } from "./kube-client";
import { kubeCall } from "./kube-call";
import { printable } from "./pods";
import { boundedText, isoTime } from "./text";

/**
 * `kubectl get deployments -n <namespace>` / `kubectl rollout status deployment/<name>`:
 * replicas desired/ready/updated/available, the Available/Progressing conditions, images.
 */
export interface DeploymentSummary {
  name: string;
  namespace: string;
  replicas: { desired: number; ready: number; updated: number; available: number; unavailable: number };
  conditions: Array<{ type: string; status: string; reason: string | null; message: string | null; lastUpdate: string | null }>;
  images: string[];
  /** the pod selector as a label selector string (app=normalization-service) */
  selector: string | null;
  /** `deployment.kubernetes.io/revision` */
  revision: string | null;
  /** the controller has seen the latest spec */
  observed: boolean;
  createdAt: string | null;
}

/** A LabelSelector as the string `kubectl get -l` takes; null when it has neither part. */
export function selectorString(selector: V1LabelSelector | undefined): string | null {
  if (!selector) return null;
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(",");
    if (expression.operator === "In") parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === "NotIn") parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === "Exists") parts.push(expression.key);
    else if (expression.operator === "DoesNotExist") parts.push(`!${expression.key}`);
  }
  return parts.length ? parts.join(",") : null;
}

export function summarizeDeployment(deployment: V1Deployment): DeploymentSummary {
  const status = deployment.status ?? {};
  const desired = deployment.spec?.replicas ?? 1;
  return {
    name: printable(deployment.metadata?.name ?? "?"),
    namespace: printable(deployment.metadata?.namespace ?? ""),
    replicas: {
      desired,
      ready: status.readyReplicas ?? 0,
      updated: status.updatedReplicas ?? 0,
      available: status.availableReplicas ?? 0,
      unavailable: status.unavailableReplicas ?? 0,
    },
    conditions: (status.conditions ?? []).map((condition) => ({
      type: printable(condition.type),
      status: printable(condition.status),
      reason: condition.reason ? printable(condition.reason) : null,
      message: condition.message ? boundedText(condition.message, 500) : null,
      lastUpdate: isoTime(condition.lastUpdateTime ?? condition.lastTransitionTime),
    })),
    images: [...new Set((deployment.spec?.template.spec?.containers ?? []).map((container) => printable(container.image ?? "?")))],
    selector: selectorString(deployment.spec?.selector),
    revision: deployment.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? null,
    observed: (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0),
    createdAt: isoTime(deployment.metadata?.creationTimestamp),
  };
}

/** `kubectl get deployments -n <namespace> [-l selector]`, sorted by name. */
export function listDeployments(target: KubeTarget, namespace: string, deadlineMs: number, labelSelector?: string): Promise<ConnectorResult<DeploymentSummary[]>> {
  return kubeCall(target, deadlineMs, `namespace ${namespace}`, async ({ options }) => {
    const list = await appsApi(target).listNamespacedDeployment({ namespace, labelSelector: labelSelector || undefined }, options);
    return list.items.map(summarizeDeployment).sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** `kubectl get deployment <name> -n <namespace>` */
export function getDeployment(target: KubeTarget, namespace: string, name: string, deadlineMs: number): Promise<ConnectorResult<DeploymentSummary>> {
  return kubeCall(target, deadlineMs, `deployment ${namespace}/${name}`, async ({ options }) => summarizeDeployment(await appsApi(target).readNamespacedDeployment({ namespace, name }, options)));
}
