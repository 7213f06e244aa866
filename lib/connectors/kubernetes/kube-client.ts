import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";

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

const clients = new Map<string, CoreV1Api>();

export function coreApi(target: KubeTarget): CoreV1Api {
  const key = JSON.stringify(target);
  let api = clients.get(key);
  if (!api) {
    const config = new KubeConfig();
    if (target.inCluster) config.loadFromCluster();
    else if (target.kubeconfig) config.loadFromFile(target.kubeconfig);
    else config.loadFromDefault();
    if (target.context) config.setCurrentContext(target.context);
    api = config.makeApiClient(CoreV1Api);
    clients.set(key, api);
  }
  return api;
}
