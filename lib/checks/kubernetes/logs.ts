import { z } from "zod";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { logFilterParam } from "@/lib/connectors/kubernetes/log-lines";
import { redactLogLine } from "@/lib/connectors/result";
import { readLogs, type LogTail } from "@/lib/connectors/kubernetes/logs";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { podRef, refOf } from "./params";

/**
 * `kubectl logs -f -n data-processing deployment/normalization-service` ("Check service
 * logs") and its variants with parameters instead of separate checks:
 * - `… deployment/enrichment-service | grep ERROR` → {deployment: "enrichment-service", filter: "ERROR"}
 * - `… deployment/normalization-service | grep TLS` → {filter: "TLS"}; `| grep rate_limit` → {filter: "rate_limit"}
 * - `kubectl logs -n data-processing kafka-0` ("Check broker logs") → {pod: "kafka-0"}
 * - `kubectl logs -n monitoring deployment/grafana` → {namespace: "monitoring", deployment: "grafana"}
 * The newest lines (not a live follow: the console's log stream does that), each cut to a
 * maximum. Verdict: warn when the tail holds problem lines — with a filter, matching lines at
 * WARN/ERROR/FATAL level ("TLS handshake failed", not "TLS certificate loaded"); without
 * one, ERROR/FATAL lines; ok otherwise.
 */
export interface LogsData extends LogTail {
  /** lines of the tail that count against the verdict: matching the filter at WARN or worse, else ERROR/FATAL */
  findings: number;
}

/** Pure: a scan's running figures in words, as the step view shows them while it runs. */
export function scanProgress(progress: { pod: string; scanned: number; matched: number; errorLines: number }, filter: string | undefined): string {
  const lines = `scanned ${progress.scanned.toLocaleString("en-US")} lines of ${progress.pod}`;
  return filter ? `${lines}, ${progress.matched.toLocaleString("en-US")} containing "${filter}"` : `${lines}, ${progress.errorLines.toLocaleString("en-US")} ERROR/FATAL`;
}

/** Pure: the verdict for a log tail. */
export function judgeLogs(tail: LogTail): { verdict: Verdict; summary: string; data: LogsData } {
  const findings = tail.filter ? tail.matchedProblems : tail.errorLines;
  const where = `${tail.pod}${tail.previous ? " (previous container)" : ""}`;
  const summary = tail.filter
    ? `${tail.matched} of ${tail.scanned} lines contain "${tail.filter}" in ${where} (${tail.matchedProblems} at WARN or worse)`
    : `${tail.scanned} lines from ${where}, ${findings} ERROR/FATAL`;
  const extras = [tail.cutLines ? `${tail.cutLines} long lines cut` : "", tail.truncated ? "stopped at the size limit" : ""].filter(Boolean);
  return { verdict: findings > 0 ? "warn" : "ok", summary: [summary, ...extras].join(", "), data: { ...tail, findings } };
}

export const logs = defineCheck({
  id: "kubernetes.logs",
  system: "kubernetes",
  title: "Service logs",
  runbook: { procedure: "check-service-status", purpose: "Check service logs", command: "kubectl logs -f -n data-processing deployment/normalization-service" },
  variants: [
    { procedure: "data-quality-issues", purpose: "Check error logs", command: "kubectl logs -n data-processing deployment/enrichment-service | grep ERROR", params: { deployment: "enrichment-service", filter: "ERROR" } },
    { procedure: "authentication-failures", purpose: "Check mTLS connections", command: "kubectl logs -n data-processing deployment/normalization-service | grep TLS", params: { deployment: "normalization-service", filter: "TLS" } },
    { procedure: "rate-limiting-issues", purpose: "Check service logs", command: "kubectl logs -n data-processing deployment/normalization-service | grep rate_limit", params: { deployment: "normalization-service", filter: "rate_limit" } },
    { procedure: "broker-issues", purpose: "Check broker logs", command: "kubectl logs -n data-processing kafka-0", params: { pod: "kafka-0" } },
    { procedure: "grafana-issues", purpose: "Check Grafana logs", command: "kubectl logs -n monitoring deployment/grafana", params: { namespace: "monitoring", deployment: "grafana" } },
  ],
  params: z.object({
    ...podRef("normalization-service"),
    /** keep only lines containing this word (case-insensitive): ERROR, TLS, rate_limit, or another plain word */
    filter: logFilterParam.optional(),
    /** how many of the newest lines to read */
    tailLines: z.number().int().min(1).max(10_000).default(1_000),
    sinceSeconds: z.number().int().min(1).max(30 * 86_400).optional(),
    /** the previous (crashed) container: `kubectl logs --previous` */
    previous: z.boolean().default(false),
    /** at most this many lines in the result */
    maxLines: z.number().int().min(1).max(2_000).default(200),
  }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const progress = context.progress;
    const result = await readLogs(
      target.target,
      { namespace: params.namespace, ...refOf(params), container: params.container, filter: params.filter, tailLines: params.tailLines, sinceSeconds: params.sinceSeconds, previous: params.previous, maxLines: params.maxLines, onProgress: progress && ((figures) => progress(scanProgress(figures, params.filter))) },
      context.deadlineMs,
    );
    if (!result.ok) return connectorFailure(result.error);
    // Evidence outlives the page: no credential a service logged goes into it.
    return judgeLogs({ ...result.value, lines: result.value.lines.map(redactLogLine) });
  },
});
