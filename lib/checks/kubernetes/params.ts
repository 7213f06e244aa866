import { z } from "zod";
import { containerParam, k8sNameParam, namespaceParam } from "@/lib/connectors/kubernetes/names";

/**
 * Parameters the Kubernetes checks share: the namespace (the runbook's data-processing),
 * and which pod — a pod name (`<pod-name>`) or a Deployment whose pod is picked as kubectl
 * does for `deployment/<name>` — all validated as Kubernetes names before any request.
 */
export const namespace = namespaceParam.default("data-processing");

export function podRef(defaultDeployment: string) {
  return {
    namespace,
    /** a pod name such as normalization-service-7d9f-abcde; wins over deployment */
    pod: k8sNameParam.optional(),
    /** a Deployment whose newest running pod is used */
    deployment: k8sNameParam.default(defaultDeployment),
    container: containerParam.optional(),
  };
}

/** `{pod}` when a pod is named, else `{deployment}`. */
export const refOf = (params: { pod?: string; deployment: string }) => (params.pod ? { pod: params.pod } : { deployment: params.deployment });

export const labelSelector = z.string().regex(/^[A-Za-z0-9_./-]+(=|==|!=)[A-Za-z0-9_.-]*(,[A-Za-z0-9_./-]+(=|==|!=)[A-Za-z0-9_.-]*)*$/, { message: "must be a label selector such as app=normalization-service" });

export const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
