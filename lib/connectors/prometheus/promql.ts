import { z } from "zod";

/**
 * The only PromQL the console sends: a fixed set of templates, each filled with validated
 * parameters (a service name by the Kubernetes name rule, a window from a short list) and
 * the values written as string literals by promqlString(). Nothing a user types becomes
 * PromQL. The figures are the ones the runbook greps from `/metrics`, as Prometheus sees
 * them over time (for sparklines and for a second opinion on the service's own scrape).
 */
export const promqlParams = z.object({
  service: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: "must be a service name such as normalization-service" })
    .max(63)
    .optional(),
  /** the label that names the service in Prometheus (the lab sets both job and service) */
  label: z.enum(["job", "service", "app"]).default("job"),
  window: z.enum(["1m", "5m", "15m"]).default("1m"),
});
export type PromqlParams = z.input<typeof promqlParams>;

/** A PromQL string literal: backslash, quote and control characters escaped (PromQL strings follow Go's escapes). */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

type Parsed = z.output<typeof promqlParams>;
const selector = (p: Parsed) => (p.service ? `{${p.label}=${promqlString(p.service)}}` : "");
const quantile = (q: number) => (p: Parsed) => `histogram_quantile(${q}, sum by (le) (rate(processing_duration_seconds_bucket${selector(p)}[${p.window}])))`;
const rate = (metric: string, extra = "") => (p: Parsed) => {
  const labels = [p.service ? `${p.label}=${promqlString(p.service)}` : "", extra].filter(Boolean).join(",");
  return `sum(rate(${metric}${labels ? `{${labels}}` : ""}[${p.window}]))`;
};

export const PROMQL_TEMPLATES = {
  /** `curl http://prometheus:9090/api/v1/query?query=up` */
  up: (p: Parsed) => `up${selector(p)}`,
  processedPerSecond: rate("messages_processed_total"),
  errorsPerSecond: rate("processing_errors_total"),
  errorRate: (p: Parsed) => `${rate("processing_errors_total")(p)} / ${rate("messages_processed_total")(p)}`,
  p50Seconds: quantile(0.5),
  p95Seconds: quantile(0.95),
  p99Seconds: quantile(0.99),
  qualityIssuesPerSecond: rate("data_quality_issues_total"),
  rateLimitedPerSecond: rate("rate_limit_exceeded_total"),
  authFailuresPerSecond: rate("auth_failures_total"),
  tlsErrorsPerSecond: rate("tls_handshake_errors_total"),
} as const;
export type PromqlTemplate = keyof typeof PROMQL_TEMPLATES;

/** The PromQL for a template and its parameters; an error message when the parameters are invalid. */
export function buildPromql(template: PromqlTemplate, params: PromqlParams = {}): { ok: true; query: string } | { ok: false; message: string } {
  if (!Object.hasOwn(PROMQL_TEMPLATES, template)) return { ok: false, message: "unknown query template" };
  const parsed = promqlParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "parameters"}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, query: PROMQL_TEMPLATES[template](parsed.data) };
}
