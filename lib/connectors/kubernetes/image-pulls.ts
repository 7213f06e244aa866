import type { CoreV1Event, V1Pod } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { newestFirst, summarizeEvent } from "./events";
import { coreApi, type KubeTarget } from "./kube-client";
import { kubeCall } from "./kube-call";
import { printable } from "./pods";
import { boundedText } from "./text";

/**
 * What the runbook's `kubectl run test-pod --image=<image-name> --rm -it --restart=Never`
 * is for — can the cluster pull this image? — answered from what already happened instead
 * of starting a pod: containers waiting in ErrImagePull / ImagePullBackOff /
 * InvalidImageName, with the kubelet's message and the latest pull event of that pod.
 */
export const PULL_REASONS = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable"];

export interface ImagePullFailure {
  pod: string;
  container: string;
  image: string;
  reason: string;
  /** the container status's waiting message */
  message: string | null;
  /** the newest Failed/BackOff event message about pulling, e.g. "Failed to pull image …: not found" */
  event: string | null;
  pullSecrets: string[];
}

export interface ImagePulls {
  /** images in use: image → pods running or trying it */
  images: Array<{ image: string; pods: string[] }>;
  failures: ImagePullFailure[];
}

/** Pure: failures and images from the pods and events of a namespace; `image` narrows both. */
export function imagePulls(pods: V1Pod[], events: CoreV1Event[], image?: string): ImagePulls {
  const pullEvents = newestFirst(events.map(summarizeEvent)).filter((event) => event.object.kind === "Pod" && /pull/i.test(event.message) && event.type === "Warning");
  const images = new Map<string, Set<string>>();
  const failures: ImagePullFailure[] = [];
  for (const pod of pods) {
    const name = printable(pod.metadata?.name ?? "?");
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const container of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const containerImage = printable(container.image ?? "?");
      if (image && containerImage !== image) continue;
      images.set(containerImage, (images.get(containerImage) ?? new Set()).add(name));
      const waiting = statuses.find((status) => status.name === container.name)?.state?.waiting;
      if (!waiting?.reason || !PULL_REASONS.includes(waiting.reason)) continue;
      failures.push({
        pod: name,
        container: printable(container.name),
        image: containerImage,
        reason: printable(waiting.reason),
        message: waiting.message ? boundedText(waiting.message, 500) : null,
        event: pullEvents.find((event) => event.object.name === name)?.message ?? null,
        pullSecrets: (pod.spec?.imagePullSecrets ?? []).map((secret) => printable(secret.name ?? "")).filter(Boolean),
      });
    }
  }
  return { images: [...images].map(([name, set]) => ({ image: name, pods: [...set].sort() })).sort((a, b) => a.image.localeCompare(b.image)), failures };
}

/** Image pull failures of a namespace's pods (optionally of one image), with their events. */
export function listImagePulls(target: KubeTarget, namespace: string, deadlineMs: number, image?: string): Promise<ConnectorResult<ImagePulls>> {
  return kubeCall(target, deadlineMs, `namespace ${namespace}`, async ({ options }) => {
    const [pods, events] = await Promise.all([coreApi(target).listNamespacedPod({ namespace }, options), coreApi(target).listNamespacedEvent({ namespace, fieldSelector: "type=Warning" }, options)]);
    return imagePulls(pods.items, events.items, image);
  });
}
