import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, Metrics } from "@kubernetes/client-node";
import type { Catalog } from "@/lib/config/catalog";

/**
 * One Kubernetes client per kubeconfig per process. The kubeconfig comes from a file
 * (KUBECONFIG, or the path the catalog names) with an optional context, or from the pod's
 * service account when the console runs in the cluster.
 */
export interface KubeTarget {
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
}

/** The catalog's Kubernetes section as a target; null when nothing is configured. */
export function kubeTarget(system: Catalog["systems"]["kubernetes"]): KubeTarget | null {
  if (system.inCluster) return { inCluster: true };
  if (!system.kubeconfig) return null;
  return { kubeconfig: system.kubeconfig, context: system.context };
}

const configs = new Map<string, KubeConfig>();
const apis = new Map<string, unknown>();

export function kubeConfig(target: KubeTarget): KubeConfig {
  const key = JSON.stringify(target);
  let config = configs.get(key);
  if (!config) {
    config = new KubeConfig();
    if (target.inCluster) config.loadFromCluster();
    else if (target.kubeconfig) config.loadFromFile(target.kubeconfig);
    else config.loadFromDefault();
    if (target.context) config.setCurrentContext(target.context);
    configs.set(key, config);
  }
  return config;
}

function cached<T>(target: KubeTarget, kind: string, make: (config: KubeConfig) => T): T {
  const key = `${kind}:${JSON.stringify(target)}`;
  if (!apis.has(key)) apis.set(key, make(kubeConfig(target)));
  return apis.get(key) as T;
}

export const coreApi = (target: KubeTarget) => cached(target, "core", (config) => config.makeApiClient(CoreV1Api));
export const appsApi = (target: KubeTarget) => cached(target, "apps", (config) => config.makeApiClient(AppsV1Api));
export const metricsApi = (target: KubeTarget) => cached(target, "metrics", (config) => new Metrics(config));
/** metrics.k8s.io (`kubectl top`) through the generated API, so calls take the deadline's signal like the others. */
export const customApi = (target: KubeTarget) => cached(target, "custom", (config) => config.makeApiClient(CustomObjectsApi));
