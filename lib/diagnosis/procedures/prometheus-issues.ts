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
        ok: "Pods of a service: nothing out of the ordinary.",
        warn: "Pods of a service: something to look at; read the summary and the data.",
        fail: "Pods of a service: broken; this is likely part of the cause."
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
        ok: "Prometheus scrape targets: nothing out of the ordinary.",
        warn: "Prometheus scrape targets: something to look at; read the summary and the data.",
        fail: "Prometheus scrape targets: broken; this is likely part of the cause."
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
        ok: "Prometheus: up: nothing out of the ordinary.",
        warn: "Prometheus: up: something to look at; read the summary and the data.",
        fail: "Prometheus: up: broken; this is likely part of the cause."
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
