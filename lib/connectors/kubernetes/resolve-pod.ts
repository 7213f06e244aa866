import type { ConfigurationOptions, ObservableMiddleware, V1Pod } from "@kubernetes/client-node";
import { KubeNotFoundError, KubeSetupError } from "./kube-call";
import { appsApi, coreApi, type KubeTarget } from "./kube-client";
import { selectorString } from "./deployments";

/**
 * `kubectl logs deployment/<name>` and `kubectl exec deployment/<name>` pick one pod of the
 * Deployment: here its newest Running and Ready pod, else its newest pod (a rollout stuck
 * on ErrImagePull leaves the old pod serving: that is the one whose logs matter).
 */
export function pickPod(pods: V1Pod[]): V1Pod | null {
  const live = pods.filter((pod) => !pod.metadata?.deletionTimestamp);
  const candidates = live.length ? live : pods;
  const ready = (pod: V1Pod) => pod.status?.phase === "Running" && (pod.status.containerStatuses ?? []).every((status) => status.ready);
  const created = (pod: V1Pod) => (pod.metadata?.creationTimestamp ? new Date(pod.metadata.creationTimestamp).getTime() : 0);
  return [...candidates].sort((a, b) => Number(ready(b)) - Number(ready(a)) || created(b) - created(a))[0] ?? null;
}

/** The pod named, or the picked pod of the Deployment named; throws ApiException 404 / KubeSetupError. */
export async function resolvePod(
  target: KubeTarget,
  namespace: string,
  ref: { pod?: string; deployment?: string },
  options: ConfigurationOptions<ObservableMiddleware>,
): Promise<V1Pod> {
  if (ref.pod) return coreApi(target).readNamespacedPod({ namespace, name: ref.pod }, options);
  if (!ref.deployment) throw new KubeSetupError("name a pod or a deployment");
  const deployment = await appsApi(target).readNamespacedDeployment({ namespace, name: ref.deployment }, options);
  const labelSelector = selectorString(deployment.spec?.selector);
  if (!labelSelector) throw new KubeNotFoundError(`deployment ${ref.deployment} has no pod selector`);
  const pod = pickPod((await coreApi(target).listNamespacedPod({ namespace, labelSelector }, options)).items);
  if (!pod) throw new KubeNotFoundError(`deployment ${ref.deployment} has no pods`);
  return pod;
}
