import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Monitoring Issues › Prometheus Issues. */
export const prometheusIssues = defineProcedure({
  id: "prometheus-issues",
  version: 2,
  kind: "procedure",
  section: "Monitoring Issues",
  title: "Prometheus Issues",
  level: "L1",
  symptoms: [
    "Metrics not appearing",
    "Alerting not working",
    "Dashboard errors"
  ],
  resolution: [
    "Restart Prometheus",
    "Check service discovery",
    "Verify metric endpoints",
    "Review configuration"
  ],
  start: "check-prometheus-status",
  steps: [
    {
      id: "check-prometheus-status",
      title: "Check Prometheus status",
      kind: "check",
      check: "kubernetes.get-pods",
      params: {
        namespace: "monitoring",
        selector: "app=prometheus"
      },
      command: "kubectl get pods -n monitoring -l app=prometheus",
      meaning: {
        ok: "Every Prometheus pod in monitoring is ready, none waiting, fewer than 3 restarts in all.",
        warn: "A Prometheus pod is not ready, waiting (reason in the summary) or restarted 3 times or more: metrics and alerts may have gaps; review its configuration.",
        fail: "No Prometheus pod is ready, or none exists: nothing is scraped and no alert fires; restart Prometheus.",
        error: "The Kubernetes API did not answer.",
      }
    },
    {
      id: "check-targets",
      title: "Check targets",
      kind: "check",
      check: "prometheus.targets",
      params: {},
      command: "curl http://prometheus:9090/api/v1/targets",
      meaning: {
        ok: "Every scrape target is up: Prometheus collects all the metrics it is configured for.",
        warn: "Some targets are down (job, instance and Prometheus's last error in the summary): verify those metric endpoints.",
        fail: "No target is up, or there is none: service discovery or the configuration is broken; check service discovery.",
        error: "Prometheus did not answer: restart Prometheus.",
      }
    },
    {
      id: "check-metrics",
      title: "Check metrics",
      kind: "check",
      check: "prometheus.query-up",
      params: {},
      command: "curl http://prometheus:9090/api/v1/query?query=up",
      meaning: {
        ok: "up = 1 for every series: each scraped endpoint answered its last scrape.",
        warn: "up = 0 for some series (job and instance in the summary): those services' metric endpoints do not answer; restart the service whose exporter stopped.",
        fail: "up = 0 for every series, or no series at all: Prometheus gets no metrics; check service discovery and the metric endpoints.",
        error: "Prometheus did not answer the query: restart Prometheus.",
      },
      rules: [
        { when: { verdict: ["warn", "fail"] }, goto: "verify-metric-endpoints", because: "Prometheus answers but a target is down: restart the service whose metrics exporter stopped (restarting Prometheus does not bring an exporter back)" }
      ],
      next: { goto: "restart-prometheus", because: "the runbook's first resolution: restart Prometheus" }
    },
    {
      id: "restart-prometheus",
      title: "Restart Prometheus",
      kind: "operation",
      operation: "restart-monitoring",
      target: "system/prometheus",
      command: "kubectl rollout restart deployment -n monitoring -l app=prometheus",
      verify: ["check-prometheus-status", "check-metrics"],
      next: { goto: "verify", because: "restarted: check its pods, the targets and up again" }
    },
    {
      id: "verify-metric-endpoints",
      title: "Verify metric endpoints: restart the service whose exporter stopped",
      kind: "operation",
      operation: "rollout-restart",
      target: "deployment/data-processing/normalization-service",
      command: "kubectl rollout restart deployment/normalization-service -n data-processing",
      verify: ["check-targets"],
      next: { goto: "verify", because: "restarted: check that the target is up again" }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Restart Prometheus",
        "Check service discovery",
        "Verify metric endpoints",
        "Review configuration"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-prometheus-status",
        "check-targets",
        "check-metrics"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
