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

/**
 * `kubectl describe pod <pod-name>` is run on the pod that is in trouble, which the responder
 * found with `get pods`: for a Deployment, the pod with a container waiting on an error
 * (ErrImagePull, CrashLoopBackOff…), else a pod not ready, else one that restarted, else the
 * newest — the new replica of a stuck rollout, not the old one that keeps serving.
 */
export function pickTroubledPod(pods: V1Pod[]): V1Pod | null {
  const live = pods.filter((pod) => !pod.metadata?.deletionTimestamp);
  const candidates = live.length ? live : pods;
  const statuses = (pod: V1Pod) => pod.status?.containerStatuses ?? [];
  const trouble = (pod: V1Pod) => {
    if (statuses(pod).some((status) => status.state?.waiting?.reason && status.state.waiting.reason !== "ContainerCreating") || pod.status?.phase === "Failed") return 3;
    if (pod.status?.phase !== "Running" || statuses(pod).some((status) => !status.ready)) return 2;
    if (statuses(pod).some((status) => status.restartCount > 0)) return 1;
    return 0;
  };
  const created = (pod: V1Pod) => (pod.metadata?.creationTimestamp ? new Date(pod.metadata.creationTimestamp).getTime() : 0);
  return [...candidates].sort((a, b) => trouble(b) - trouble(a) || created(b) - created(a))[0] ?? null;
}

/**
 * The pod named, or a pod of the Deployment named: the serving one (logs, exec: pickPod) or
 * the troubled one (describe: pickTroubledPod). Throws ApiException 404 / KubeSetupError.
 */
export async function resolvePod(
  target: KubeTarget,
  namespace: string,
  ref: { pod?: string; deployment?: string },
  options: ConfigurationOptions<ObservableMiddleware>,
  pick: (pods: V1Pod[]) => V1Pod | null = pickPod,
): Promise<V1Pod> {
  if (ref.pod) return coreApi(target).readNamespacedPod({ namespace, name: ref.pod }, options);
  if (!ref.deployment) throw new KubeSetupError("name a pod or a deployment");
  const deployment = await appsApi(target).readNamespacedDeployment({ namespace, name: ref.deployment }, options);
  const labelSelector = selectorString(deployment.spec?.selector);
  if (!labelSelector) throw new KubeNotFoundError(`deployment ${ref.deployment} has no pod selector`);
  const pod = pick((await coreApi(target).listNamespacedPod({ namespace, labelSelector }, options)).items);
  if (!pod) throw new KubeNotFoundError(`deployment ${ref.deployment} has no pods`);
  return pod;
}
