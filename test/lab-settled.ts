/**
 * A lab that serves and has settled, for tests to start from: the previous test may have
 * restarted normalization-service (an operation, a fault's heal replaces its pod, a `set env`
 * rolls it out). Ports answering is not enough: a rollout still in progress replaces the
 * process again a few seconds later (the lab controller gives the process to the newest pod),
 * so a test that started on the old process loses it mid-test. Settled: every Deployment of
 * the lab has rolled out (observed, updated, ready, no surplus pod), no pod is terminating,
 * and both services' HTTP and metrics ports and normalization-service's mTLS port answer —
 * twice in a row, 2 s apart. Used by every vitest lab file (test/lab-baseline.ts) and before
 * the lab journeys (e2e-lab/global-setup.ts).
 */
import { connect } from "node:net";
import { kubeClients } from "../lab/core/kube";
import { MONITORING_NAMESPACE, NAMESPACE } from "../lab/core/paths";
import { sleep, waitFor } from "../lab/core/proc";

const HTTP = ["http://127.0.0.1:18080/health", "http://127.0.0.1:18081/health", "http://127.0.0.1:19090/metrics", "http://127.0.0.1:19091/metrics"];
const TLS_PORT = 18443;
export const SETTLE_WITHIN_MS = 120_000;

const answers = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => null))?.ok === true;
const listens = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)));
  });

async function silentPorts(): Promise<string[]> {
  const silent = await Promise.all(HTTP.map(async (url) => ((await answers(url)) ? null : url)));
  const tls = (await listens(TLS_PORT)) ? null : `tls :${TLS_PORT}`;
  return [...silent, tls].filter((s): s is string => s !== null);
}

/** What is still moving in the lab's cluster: Deployments mid-rollout and pods being deleted. */
let clients: ReturnType<typeof kubeClients> | undefined;

async function unsettledObjects(): Promise<string[]> {
  const { apps, core } = (clients ??= kubeClients());
  const moving: string[] = [];
  for (const namespace of [NAMESPACE, MONITORING_NAMESPACE]) {
    const [deployments, pods] = await Promise.all([apps.listNamespacedDeployment({ namespace }), core.listNamespacedPod({ namespace })]);
    for (const deployment of deployments.items) {
      const wanted = deployment.spec?.replicas ?? 1;
      const status = deployment.status ?? {};
      const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
      const rolledOut = [status.replicas, status.updatedReplicas, status.readyReplicas].every((count) => (count ?? 0) === wanted);
      if (!observed || !rolledOut) moving.push(`deployment/${deployment.metadata?.name} rolling out (${status.readyReplicas ?? 0}/${wanted} ready, ${status.replicas ?? 0} pods)`);
    }
    for (const pod of pods.items) if (pod.metadata?.deletionTimestamp) moving.push(`pod/${pod.metadata.name} terminating`);
  }
  return moving;
}

/** Empty when the lab serves and nothing is rolling out; otherwise what is not yet so. */
export async function labUnsettled(): Promise<string[]> {
  const [moving, silent] = await Promise.all([unsettledObjects().catch((error: Error) => [`kube-apiserver: ${error.message}`]), silentPorts()]);
  return [...moving, ...silent.map((what) => `silent ${what}`)];
}

/** Waits until the lab has settled; throws, naming what has not, after SETTLE_WITHIN_MS. */
export async function waitForSettledLab(): Promise<void> {
  let unsettled: string[] = [];
  const settled = async () => (unsettled = await labUnsettled()).length === 0;
  await waitFor("the lab to serve and settle", async () => (await settled()) && (await sleep(2_000), await settled()), SETTLE_WITHIN_MS).catch(() => {
    throw new Error(`the lab has not settled (is it up? npm run lab -- up): ${unsettled.join("; ")}`);
  });
}
