import type { V1Pod, V1Secret } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { coreApi, type KubeTarget } from "./kube-client";
import { kubeCall } from "./kube-call";
import { printable } from "./pods";
import { isoTime } from "./text";

/**
 * `kubectl get secrets -n data-processing` ("Check image pull secrets"): names, types and
 * how many keys — never a value (values are dropped as soon as the list arrives) — and, for
 * image pull secrets, which pods reference them, including references to secrets that do
 * not exist (a pod that can never pull its image).
 */
export interface SecretSummary {
  name: string;
  type: string;
  keys: number;
  createdAt: string | null;
  /** pods whose spec.imagePullSecrets name it */
  referencedBy: string[];
}

export interface PullSecretReference {
  name: string;
  exists: boolean;
  /** kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg */
  type: string | null;
  pods: string[];
}

export interface SecretsOverview {
  secrets: SecretSummary[];
  pullSecrets: PullSecretReference[];
}

const PULL_TYPES = ["kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg"];

/** Pure: the overview from the listed secrets and pods (only names, types and key counts leave here). */
export function secretsOverview(secrets: V1Secret[], pods: V1Pod[]): SecretsOverview {
  const references = new Map<string, Set<string>>();
  for (const pod of pods) {
    for (const ref of pod.spec?.imagePullSecrets ?? []) {
      if (!ref.name) continue;
      const set = references.get(ref.name) ?? new Set<string>();
      set.add(printable(pod.metadata?.name ?? "?"));
      references.set(ref.name, set);
    }
  }
  const summaries: SecretSummary[] = secrets
    .map((secret) => ({
      name: printable(secret.metadata?.name ?? "?"),
      type: printable(secret.type ?? "Opaque"),
      keys: Object.keys(secret.data ?? {}).length + Object.keys(secret.stringData ?? {}).length,
      createdAt: isoTime(secret.metadata?.creationTimestamp),
      referencedBy: [...(references.get(secret.metadata?.name ?? "") ?? [])].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const byName = new Map(secrets.map((secret) => [secret.metadata?.name ?? "", secret]));
  const pullNames = new Set([...references.keys(), ...secrets.filter((secret) => PULL_TYPES.includes(secret.type ?? "")).map((secret) => secret.metadata?.name ?? "")]);
  const pullSecrets = [...pullNames]
    .filter(Boolean)
    .sort()
    .map((name) => ({ name: printable(name), exists: byName.has(name), type: byName.get(name)?.type ? printable(byName.get(name)!.type!) : null, pods: [...(references.get(name) ?? [])].sort() }));
  return { secrets: summaries, pullSecrets };
}

/** `kubectl get secrets -n <namespace>` with the pods' image pull secret references. */
export function listSecrets(target: KubeTarget, namespace: string, deadlineMs: number): Promise<ConnectorResult<SecretsOverview>> {
  return kubeCall(target, deadlineMs, `secrets in ${namespace}`, async ({ options }) => {
    const [secrets, pods] = await Promise.all([coreApi(target).listNamespacedSecret({ namespace }, options), coreApi(target).listNamespacedPod({ namespace }, options)]);
    return secretsOverview(secrets.items, pods.items);
  });
}
