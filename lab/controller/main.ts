/**
 * The lab controller: the kubelet of pipeline-node-1.
 *
 * Every second it lists the pods bound to pipeline-node-1 and, for each, the real process
 * behind it (cluster/workloads.ts): it runs the pipeline services itself (Supervisor), and
 * watches the data services started by lab/scripts (ExternalContainer). It then writes the
 * pod status (phase, readiness, restarts, last state, CrashLoopBackOff / OOMKilled /
 * ImagePullBackOff), events, per-pod `Logs` objects for kwok (kubectl logs), and the
 * `kwok.x-k8s.io/usage-*` annotations from /proc, which kwok turns into the resource
 * metrics that metrics-server and `kubectl top` read.
 *
 * KWOK does not fight it: the second kwok (cluster/pipeline-node.ts) that serves this node
 * has no pod stages, so no one else writes these pods' status.
 */
import path from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { CERT_DIR, REPO_DIR } from "../core/paths.ts";
import { kubeClients, mergePatch, apiStatus } from "../core/kube.ts";
import { externalWorkloads, supervisedWorkloads, type Workload } from "../cluster/workloads.ts";
import { PIPELINE_NODE } from "../cluster/pipeline-node.ts";
import type { ContainerEvent } from "./container-state.ts";
import { containerLogPaths } from "./cri-log.ts";
import { PodEvents } from "./events.ts";
import { ExternalContainer } from "./external-container.ts";
import { restartExternal } from "./restart-external.ts";
import { pullError } from "./images.ts";
import { containerStatus, imagePullStatus, podStatus } from "./pod-status.ts";
import { Supervisor } from "./supervisor.ts";

const kube = kubeClients();
const events = new PodEvents(kube, PIPELINE_NODE);
const log = (msg: string) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);

/** current pods per workload, so container events land on the right pod */
const podsByWorkload = new Map<string, V1Pod[]>();
const emitFor = (w: Workload) => (event: ContainerEvent) => {
  const pods = podsByWorkload.get(w.name) ?? [];
  const target = w.runtime === "supervised" ? pods.find((p) => p.metadata?.uid === supervisors.get(w.name)?.boundPod) : pods[0];
  log(`${w.name}: ${event.reason} ${event.message}`);
  if (target) void events.record(target, event, w.name);
};

const supervisors = new Map(supervisedWorkloads().map((w) => [w.name, new Supervisor(w, emitFor(w))]));
const externals = new Map(externalWorkloads().map((w) => [w.name, new ExternalContainer(w, emitFor(w))]));

const lastStatus = new Map<string, string>(); // pod uid -> JSON of the status last written
const lastUsage = new Map<string, number>(); // pod uid -> time usage annotations were written
const haveLogs = new Set<string>();
const haveExec = new Set<string>();
const pullEventsAt = new Map<string, number>();

async function ensureLogsObject(pod: V1Pod): Promise<void> {
  const uid = pod.metadata!.uid!;
  if (haveLogs.has(uid)) return;
  const container = pod.spec!.containers[0]!.name;
  const paths = containerLogPaths(container);
  try {
    await kube.custom.createNamespacedCustomObject({
      group: "kwok.x-k8s.io",
      version: "v1alpha1",
      namespace: pod.metadata!.namespace!,
      plural: "logs",
      body: {
        apiVersion: "kwok.x-k8s.io/v1alpha1",
        kind: "Logs",
        // owned by the pod: garbage-collected with it
        metadata: { name: pod.metadata!.name, namespace: pod.metadata!.namespace, ownerReferences: [{ apiVersion: "v1", kind: "Pod", name: pod.metadata!.name!, uid }] },
        spec: { logs: [{ containers: [container], logsFile: paths.current, previousLogsFile: paths.previous, follow: true }] },
      },
    });
  } catch (error) {
    if (apiStatus(error) !== 409) throw error;
  }
  haveLogs.add(uid);
}

/** `kubectl exec` into the pod runs locally, with the pod's environment (kwok `Exec`). */
async function ensureExecObject(pod: V1Pod): Promise<void> {
  const uid = pod.metadata!.uid!;
  if (haveExec.has(uid)) return;
  const spec = pod.spec!.containers[0]!;
  const app = pod.metadata!.labels?.app ?? spec.name;
  const envs = [
    ...(spec.env ?? []).filter((e) => e.value !== undefined).map((e) => ({ name: e.name, value: e.value! })),
    { name: "LAB_REPO_DIR", value: REPO_DIR },
    { name: "LAB_POD", value: pod.metadata!.name! },
    { name: "LAB_CERT_DIR", value: path.join(CERT_DIR, app) },
    { name: "HOSTNAME", value: pod.metadata!.name! },
  ];
  try {
    await kube.custom.createNamespacedCustomObject({
      group: "kwok.x-k8s.io",
      version: "v1alpha1",
      namespace: pod.metadata!.namespace!,
      plural: "execs",
      body: {
        apiVersion: "kwok.x-k8s.io/v1alpha1",
        kind: "Exec",
        metadata: { name: pod.metadata!.name, namespace: pod.metadata!.namespace, ownerReferences: [{ apiVersion: "v1", kind: "Pod", name: pod.metadata!.name!, uid }] },
        spec: { execs: [{ containers: [spec.name], local: { workDir: REPO_DIR, envs } }] },
      },
    });
  } catch (error) {
    if (apiStatus(error) !== 409) throw error;
  }
  haveExec.add(uid);
}

async function writeStatus(pod: V1Pod, status: ReturnType<typeof podStatus>): Promise<void> {
  const uid = pod.metadata!.uid!;
  const json = JSON.stringify(status);
  if (lastStatus.get(uid) === json) return;
  await kube.core.patchNamespacedPodStatus({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, body: { status } }, mergePatch);
  lastStatus.set(uid, json);
}

async function writeUsage(pod: V1Pod, usage: { memoryBytes: number; cpuMillicores: number } | undefined): Promise<void> {
  const uid = pod.metadata!.uid!;
  if (Date.now() - (lastUsage.get(uid) ?? 0) < 5_000) return;
  lastUsage.set(uid, Date.now());
  const annotations = usage
    ? { "kwok.x-k8s.io/usage-cpu": `${usage.cpuMillicores}m`, "kwok.x-k8s.io/usage-memory": `${Math.round(usage.memoryBytes / 1024 / 1024)}Mi` }
    : { "kwok.x-k8s.io/usage-cpu": "0m", "kwok.x-k8s.io/usage-memory": "0Mi" };
  await kube.core.patchNamespacedPod({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, body: { metadata: { annotations } } }, mergePatch);
}

async function reconcile(): Promise<void> {
  const pods = (await kube.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${PIPELINE_NODE}` })).items;
  podsByWorkload.clear();
  for (const pod of pods) {
    const app = pod.metadata?.labels?.app;
    if (app) podsByWorkload.set(app, [...(podsByWorkload.get(app) ?? []), pod]);
  }

  // pods being deleted: stop their container, then confirm the deletion (kubelet's job)
  for (const pod of pods.filter((p) => p.metadata?.deletionTimestamp)) {
    const sup = supervisors.get(pod.metadata?.labels?.app ?? "");
    if (sup && sup.boundPod === pod.metadata!.uid) {
      void events.record(pod, { type: "Normal", reason: "Killing", message: `Stopping container ${sup.workload.name}` }, sup.workload.name);
      await sup.unbind();
    }
    await kube.core.deleteNamespacedPod({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, gracePeriodSeconds: 0 }).catch(() => undefined);
    lastStatus.delete(pod.metadata!.uid!);
  }

  // A Deployment's newest ReplicaSet (highest revision) is the one a rollout moves to: its pod
  // must get the process even when an older ReplicaSet's pod was recreated later, or the
  // rollout waits forever for a pod that never runs.
  const revisionOf = new Map<string, number>();
  for (const rs of (await kube.apps.listReplicaSetForAllNamespaces({})).items) {
    revisionOf.set(rs.metadata!.uid!, Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? 0));
  }
  const revision = (pod: (typeof pods)[number]) => revisionOf.get(pod.metadata?.ownerReferences?.find((owner) => owner.kind === "ReplicaSet")?.uid ?? "") ?? 0;
  const newestFirst = (a: V1Pod, b: V1Pod) => revision(b) - revision(a) || Date.parse(String(b.metadata!.creationTimestamp)) - Date.parse(String(a.metadata!.creationTimestamp));

  for (const [name, sup] of supervisors) {
    const live = (podsByWorkload.get(name) ?? []).filter((p) => !p.metadata?.deletionTimestamp);
    const runnable = live.filter((p) => !pullError(p.spec!.containers[0]!.image!));
    // the pod of the newest revision with a pullable image gets the process (a rollout starts a
    // fresh one); among pods of one revision, the newest
    const newest = runnable.sort(newestFirst)[0];
    if (newest) await sup.bind(newest.metadata!.uid!, Object.fromEntries((newest.spec!.containers[0]!.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])));
    else if (sup.boundPod) await sup.unbind();
  }

  // Jaeger's and Prometheus's Deployments: a new pod restarts the process lab/cluster or lab/scripts runs
  for (const [name, ext] of externals) {
    if (ext.workload.kind !== "Deployment") continue;
    const newest = (podsByWorkload.get(name) ?? []).filter((p) => !p.metadata?.deletionTimestamp).sort(newestFirst)[0];
    if (newest) ext.bindPod(newest.metadata!.uid!, () => restartExternal(ext.workload), (error) => log(`${name}: restart for pod ${newest.metadata!.name} failed: ${error.message}`));
  }

  for (const pod of pods.filter((p) => !p.metadata?.deletionTimestamp)) {
    const app = pod.metadata?.labels?.app ?? "";
    const image = pod.spec!.containers[0]!.image!;
    const uid = pod.metadata!.uid!;
    try {
      const failure = pullError(image);
      if (failure) {
        const first = !pullEventsAt.has(uid);
        if (first || Date.now() - pullEventsAt.get(uid)! > 30_000) {
          pullEventsAt.set(uid, Date.now());
          const c = pod.spec!.containers[0]!.name;
          await events.record(pod, { type: "Normal", reason: "Pulling", message: `Pulling image "${image}"` }, c);
          await events.record(pod, { type: "Warning", reason: "Failed", message: `Failed to pull image "${image}": ${failure}` }, c);
          await events.record(pod, { type: "Warning", reason: "Failed", message: "Error: ErrImagePull" }, c);
          await events.record(pod, { type: "Normal", reason: "BackOff", message: `Back-off pulling image "${image}"` }, c);
          await events.record(pod, { type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff" }, c);
        }
        const reason = first ? "ErrImagePull" : "ImagePullBackOff";
        await writeStatus(pod, podStatus(pod, imagePullStatus(pod, reason, reason === "ErrImagePull" ? failure : `Back-off pulling image "${image}": ErrImagePull: ${failure}`)));
        continue;
      }
      const sup = supervisors.get(app);
      const ext = externals.get(app);
      let state;
      if (sup) {
        state = sup.boundPod === uid ? sup.state() : { state: { terminated: { exitCode: 0, reason: "Completed" as const, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString() } }, ready: false, restartCount: 0 };
      } else if (ext) {
        state = ext.state();
      } else {
        continue; // not a lab workload
      }
      await ensureLogsObject(pod);
      await ensureExecObject(pod);
      await writeStatus(pod, podStatus(pod, containerStatus(pod, state)));
      await writeUsage(pod, state.usage);
    } catch (error) {
      if (apiStatus(error) !== 404) log(`pod ${pod.metadata?.name}: ${(error as Error).message}`);
      lastStatus.delete(uid);
    }
  }
}

let stopping = false;
async function loop(): Promise<void> {
  while (!stopping) {
    const started = Date.now();
    await Promise.all([...supervisors.values(), ...externals.values()].map((c) => c.tick().catch(() => undefined)));
    try {
      await reconcile();
    } catch (error) {
      log(`reconcile failed: ${(error as Error).message}`); // API server down: keep the processes, retry
    }
    await new Promise((r) => setTimeout(r, Math.max(200, 1_000 - (Date.now() - started))));
  }
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping pipeline services`);
  await Promise.all([...supervisors.values()].map((s) => s.stop()));
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

log(`lab controller for node ${PIPELINE_NODE}: ${[...supervisors.keys(), ...externals.keys()].join(", ")}`);
void loop();
