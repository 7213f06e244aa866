import { z } from "zod";
import { podEnv, type PodEnv } from "@/lib/connectors/kubernetes/container-env";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { logFilterParam } from "@/lib/connectors/kubernetes/log-lines";
import type { CheckResult, Finding, Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { podRef, refOf } from "./params";

/**
 * `kubectl exec -it <pod-name> -n data-processing -- env | grep TRACING` ("Check sampling
 * configuration"), read from the pod spec — no shell in the container: literal values as
 * written, `valueFrom` secrets shown as "(from secret name/key)" and never resolved,
 * secret-looking names redacted. (A value changed inside the running process is not seen.)
 * Verdict: warn when no variable matches, TRACING_ENABLED is false, or the sampling rate is
 * 0; ok otherwise.
 */
export function judgeTracingEnv(env: PodEnv, filter: string): { verdict: Verdict; summary: string; data: PodEnv & { source: "pod spec" } } {
  const data = { ...env, source: "pod spec" as const };
  if (!env.entries.length) return { verdict: "warn", summary: `no ${filter} variables in ${env.pod}`, data };
  const problems = tracingProblems(env);
  const shown = env.entries.slice(0, 6).map((entry) => `${entry.name}=${entry.shown}`);
  return { verdict: problems.length ? "warn" : "ok", summary: [`${env.pod}: ${shown.join(", ")}`, ...problems].join(", "), data };
}

export const tracingEnv = defineCheck({
  id: "kubernetes.tracing-env",
  system: "kubernetes",
  title: "Tracing environment of a pod",
  runbook: { procedure: "trace-quality-issues", purpose: "Check sampling configuration", command: "kubectl exec -it <pod-name> -n data-processing -- env | grep TRACING" },
  params: z.object({ ...podRef("normalization-service"), filter: logFilterParam.default("TRACING") }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await podEnv(target.target, params.namespace, refOf(params), params.filter, context.deadlineMs, params.container);
    if (!result.ok) return connectorFailure(result.error);
    return judgeTracingEnv(result.value, params.filter);
  },
});

/** What is wrong with a pod's tracing configuration: "tracing disabled", "sampling rate 0". */
export function tracingProblems(env: PodEnv): string[] {
  const value = (name: string) => env.entries.find((entry) => entry.name === name && entry.source === "literal")?.shown;
  const enabled = value("TRACING_ENABLED");
  const rate = value("TRACING_SAMPLING_RATE");
  return [enabled !== undefined && /^(false|0|no|off)$/i.test(enabled) ? "tracing disabled" : "", rate !== undefined && Number(rate) === 0 ? "sampling rate 0" : ""].filter(Boolean);
}

/**
 * The overview's finding from this check: a service whose pod spec turns its traces off
 * ("tracing sampling rate 0 (TRACING_SAMPLING_RATE=0)"). A service without tracing variables
 * is not a finding: many services do not trace.
 */
export function tracingFinding(result: CheckResult<(PodEnv & { source: string }) | null>): Finding[] {
  if (!result.data || result.verdict !== "warn") return [];
  const problems = tracingProblems(result.data);
  if (!problems.length) return [];
  const shown = result.data.entries.filter((entry) => entry.name === "TRACING_SAMPLING_RATE" || entry.name === "TRACING_ENABLED").map((entry) => `${entry.name}=${entry.shown}`);
  return [{ signal: "kubernetes.tracing-env", verdict: "warn", reason: `tracing off: ${problems.join(", ")}${shown.length ? ` (${shown.join(", ")})` : ""}`, procedure: "trace-quality-issues" }];
}
