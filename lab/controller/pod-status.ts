/**
 * Pod status from a container's state — what a kubelet reports. Phase stays Running while
 * the container restarts (as with restartPolicy Always); Ready follows the container's
 * readiness; a pull failure keeps the pod Pending with ErrImagePull/ImagePullBackOff.
 */
import crypto from "node:crypto";
import type { V1ContainerStatus, V1Pod, V1PodStatus } from "@kubernetes/client-node";
import type { ContainerState, Termination } from "./container-state.ts";

/** A stable fake pod IP from the node's pod CIDR (10.245.0.0/24): no pod network exists. */
export function podIp(uid: string): string {
  const n = crypto.createHash("sha256").update(uid).digest()[0]! % 250;
  return `10.245.0.${n + 2}`;
}

const terminated = (t: Termination) => ({
  terminated: { exitCode: t.exitCode, signal: t.signal, reason: t.reason, message: t.message, startedAt: new Date(t.startedAt), finishedAt: new Date(t.finishedAt), containerID: `lab://${t.startedAt}` },
});

export function containerStatus(pod: V1Pod, c: ContainerState): V1ContainerStatus {
  const spec = pod.spec!.containers[0]!;
  const state =
    "running" in c.state
      ? { running: { startedAt: new Date(c.state.running.startedAt) } }
      : "waiting" in c.state
        ? { waiting: c.state.waiting }
        : terminated(c.state.terminated);
  return {
    name: spec.name,
    image: spec.image!,
    imageID: `${spec.image!.replace(/:[^:/]+$/, "")}@sha256:${crypto.createHash("sha256").update(spec.image!).digest("hex")}`,
    containerID: c.pid ? `lab://${c.pid}` : undefined,
    ready: c.ready,
    started: "running" in c.state,
    restartCount: c.restartCount,
    state,
    lastState: c.lastTermination ? terminated(c.lastTermination) : {},
  };
}

export function imagePullStatus(pod: V1Pod, reason: "ErrImagePull" | "ImagePullBackOff", message: string): V1ContainerStatus {
  const spec = pod.spec!.containers[0]!;
  return { name: spec.name, image: spec.image!, imageID: "", ready: false, started: false, restartCount: 0, state: { waiting: { reason, message } }, lastState: {} };
}

export function podStatus(pod: V1Pod, container: V1ContainerStatus, nodeIp = "127.0.0.1"): V1PodStatus {
  const created = pod.metadata!.creationTimestamp ? new Date(pod.metadata!.creationTimestamp) : new Date();
  const everStarted = Boolean(container.state?.running || container.lastState?.terminated || container.state?.terminated);
  const ready = container.ready;
  const condition = (type: string, status: boolean, reason?: string) => ({
    type,
    status: status ? "True" : "False",
    lastTransitionTime: created,
    ...(status || !reason ? {} : { reason, message: reason === "ContainersNotReady" ? `containers with unready status: [${container.name}]` : undefined }),
  });
  return {
    phase: everStarted ? "Running" : "Pending",
    conditions: [
      condition("PodReadyToStartContainers", true),
      condition("Initialized", true),
      condition("Ready", ready, "ContainersNotReady"),
      condition("ContainersReady", ready, "ContainersNotReady"),
      condition("PodScheduled", true),
    ],
    hostIP: nodeIp,
    hostIPs: [{ ip: nodeIp }],
    podIP: podIp(pod.metadata!.uid!),
    podIPs: [{ ip: podIp(pod.metadata!.uid!) }],
    startTime: created,
    qosClass: "Burstable",
    containerStatuses: [container],
  };
}
