/**
 * Kubernetes API clients for the lab (admin kubeconfig `.lab/kubeconfig`, written by
 * lab/scripts/kube.sh), and a thin wrapper over the system kubectl for `apply`.
 */
import "./node20-compat.ts";
import * as k8s from "@kubernetes/client-node";
import { KUBECONFIG, KUBECTL } from "./paths.ts";
import { run } from "./proc.ts";

export function kubeClients(kubeconfig = KUBECONFIG) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
}

export type KubeClients = ReturnType<typeof kubeClients>;

export const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);
export const strategicPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.StrategicMergePatch);

/** kubectl with the lab kubeconfig; throws on failure. */
export function kubectl(args: string[], input?: string): string {
  const result = run(KUBECTL, ["--kubeconfig", KUBECONFIG, ...args], { input, timeoutMs: 60_000 });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}

/** HTTP status of a client-node error (404 etc.), or undefined. */
export function apiStatus(error: unknown): number | undefined {
  const e = error as { code?: number; statusCode?: number; body?: unknown };
  return e?.code ?? e?.statusCode;
}
