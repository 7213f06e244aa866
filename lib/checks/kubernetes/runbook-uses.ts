/**
 * Runbook commands answered by a check of this folder with parameters, beyond the one
 * command each check declares in `runbook` — e.g. `kubectl logs -n data-processing kafka-0`
 * is kubernetes.logs with {pod: "kafka-0"}. For whoever attaches checks to the runbook's
 * commands: procedure + command (exactly as in lib/runbooks/procedures.ts) → check + params.
 */
export interface RunbookUse {
  procedure: string;
  purpose: string;
  command: string;
  check: string;
  params: Record<string, unknown>;
}

export const KUBERNETES_RUNBOOK_USES: RunbookUse[] = [
  { procedure: "data-quality-issues", purpose: "Check error logs", command: "kubectl logs -n data-processing deployment/enrichment-service | grep ERROR", check: "kubernetes.logs", params: { deployment: "enrichment-service", filter: "ERROR" } },
  { procedure: "high-latency", purpose: "Check resource usage", command: "kubectl top pods -n data-processing", check: "kubernetes.top-pods", params: {} },
  { procedure: "high-memory-usage", purpose: "Check memory usage", command: "kubectl top pods -n data-processing", check: "kubernetes.top-pods", params: {} },
  { procedure: "high-memory-usage", purpose: "Check memory limits", command: "kubectl describe pod <pod-name> -n data-processing", check: "kubernetes.describe-pod", params: {} },
  { procedure: "authentication-failures", purpose: "Check mTLS connections", command: "kubectl logs -n data-processing deployment/normalization-service | grep TLS", check: "kubernetes.logs", params: { deployment: "normalization-service", filter: "TLS" } },
  { procedure: "rate-limiting-issues", purpose: "Check service logs", command: "kubectl logs -n data-processing deployment/normalization-service | grep rate_limit", check: "kubernetes.logs", params: { deployment: "normalization-service", filter: "rate_limit" } },
  { procedure: "image-pull-failures", purpose: "Check pod status", command: "kubectl describe pod <pod-name> -n data-processing", check: "kubernetes.describe-pod", params: {} },
  { procedure: "broker-issues", purpose: "Check broker logs", command: "kubectl logs -n data-processing kafka-0", check: "kubernetes.logs", params: { pod: "kafka-0" } },
  { procedure: "grafana-issues", purpose: "Check Grafana logs", command: "kubectl logs -n monitoring deployment/grafana", check: "kubernetes.logs", params: { namespace: "monitoring", deployment: "grafana" } },
];
