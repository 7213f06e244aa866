import type { V1Container, V1Pod } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { kubeCall } from "./kube-call";
import type { KubeTarget } from "./kube-client";
import { printable } from "./pods";
import { resolvePod } from "./resolve-pod";
import { boundedText } from "./text";

/**
 * `kubectl exec -it <pod-name> -n data-processing -- env | grep TRACING`, read from the pod
 * spec instead of a shell in the container: literal values are shown; values from a Secret
 * are shown as "(from secret name/key)" and never resolved; a literal whose name looks
 * secret (PASSWORD, TOKEN, API_KEY…) is shown as "(redacted)".
 */
export interface EnvEntry {
  container: string;
  name: string;
  /** what a responder sees: the literal, or where it comes from */
  shown: string;
  source: "literal" | "secret" | "configmap" | "field" | "resource" | "envFrom";
}

export interface PodEnv {
  pod: string;
  entries: EnvEntry[];
}

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth|cookie|session|dsn|connection[_-]?string)/i;

export const looksSecret = (name: string) => SECRET_NAME.test(name);

/** Pure: the environment of the pod's containers as a responder may see it. */
export function containerEnv(containers: V1Container[], filter?: string): EnvEntry[] {
  const needle = filter?.toLowerCase();
  const entries: EnvEntry[] = [];
  for (const container of containers) {
    const containerName = printable(container.name);
    for (const variable of container.env ?? []) {
      const name = printable(variable.name);
      if (needle && !name.toLowerCase().includes(needle)) continue;
      const from = variable.valueFrom;
      let entry: Omit<EnvEntry, "container" | "name">;
      if (from?.secretKeyRef) entry = { source: "secret", shown: `(from secret ${printable(from.secretKeyRef.name ?? "?")}/${printable(from.secretKeyRef.key)})` };
      else if (from?.configMapKeyRef) entry = { source: "configmap", shown: `(from configmap ${printable(from.configMapKeyRef.name ?? "?")}/${printable(from.configMapKeyRef.key)})` };
      else if (from?.fieldRef) entry = { source: "field", shown: `(field ${printable(from.fieldRef.fieldPath)})` };
      else if (from?.resourceFieldRef) entry = { source: "resource", shown: `(resource ${printable(from.resourceFieldRef.resource)})` };
      else entry = { source: "literal", shown: looksSecret(name) ? "(redacted)" : boundedText(variable.value ?? "", 500) };
      entries.push({ container: containerName, name, ...entry });
    }
    for (const source of container.envFrom ?? []) {
      const prefix = source.prefix ? printable(source.prefix) : "";
      if (needle && prefix && !prefix.toLowerCase().includes(needle)) continue;
      const shown = source.secretRef ? `(all keys of secret ${printable(source.secretRef.name ?? "?")})` : `(all keys of configmap ${printable(source.configMapRef?.name ?? "?")})`;
      entries.push({ container: containerName, name: prefix ? `${prefix}*` : "*", shown, source: "envFrom" });
    }
  }
  return entries;
}

/** The env of a pod (or the picked pod of a deployment), names containing `filter` (case-insensitive) only. */
export function podEnv(target: KubeTarget, namespace: string, ref: { pod?: string; deployment?: string }, filter: string | undefined, deadlineMs: number, container?: string): Promise<ConnectorResult<PodEnv>> {
  const what = ref.pod ? `pod ${namespace}/${ref.pod}` : `deployment ${namespace}/${ref.deployment}`;
  return kubeCall(target, deadlineMs, what, async ({ options }) => {
    const pod: V1Pod = await resolvePod(target, namespace, ref, options);
    const containers = (pod.spec?.containers ?? []).filter((entry) => !container || entry.name === container);
    return { pod: printable(pod.metadata?.name ?? "?"), entries: containerEnv(containers, filter) };
  });
}
