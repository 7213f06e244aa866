/**
 * Pod events as a kubelet records them (core/v1 Event, source kubelet on pipeline-node-1),
 * so `kubectl describe pod` and `kubectl get events --sort-by=.lastTimestamp` show the
 * crash loop, pull failures and OOM kills. Repeats within 10 minutes bump `count` on one
 * event instead of creating new ones, like the kubelet's event correlator.
 */
import crypto from "node:crypto";
import type { V1Pod } from "@kubernetes/client-node";
import { mergePatch, type KubeClients } from "../core/kube.ts";
import type { ContainerEvent } from "./container-state.ts";

export class PodEvents {
  private readonly seen = new Map<string, { name: string; count: number; first: string; at: number }>();

  constructor(
    private readonly kube: KubeClients,
    private readonly node: string,
  ) {}

  async record(pod: V1Pod, event: ContainerEvent, container?: string): Promise<void> {
    const ns = pod.metadata!.namespace!;
    const podName = pod.metadata!.name!;
    const key = `${pod.metadata!.uid}/${event.reason}/${event.message}`;
    const now = new Date();
    const prior = this.seen.get(key);
    try {
      if (prior && now.getTime() - prior.at < 600_000) {
        prior.count += 1;
        prior.at = now.getTime();
        await this.kube.core.patchNamespacedEvent({ name: prior.name, namespace: ns, body: { count: prior.count, lastTimestamp: now } }, mergePatch);
        return;
      }
      const name = `${podName}.${crypto.randomBytes(8).toString("hex")}`;
      await this.kube.core.createNamespacedEvent({
        namespace: ns,
        body: {
          metadata: { name, namespace: ns },
          involvedObject: {
            apiVersion: "v1", kind: "Pod", name: podName, namespace: ns, uid: pod.metadata!.uid,
            ...(container ? { fieldPath: `spec.containers{${container}}` } : {}),
          },
          reason: event.reason,
          message: event.message,
          type: event.type,
          count: 1,
          firstTimestamp: now,
          lastTimestamp: now,
          source: { component: "kubelet", host: this.node },
          reportingComponent: "kubelet",
          reportingInstance: this.node,
        },
      });
      this.seen.set(key, { name, count: 1, first: now.toISOString(), at: now.getTime() });
    } catch {
      // events are best effort, as in the kubelet
    }
  }
}
