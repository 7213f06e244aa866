import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Monitoring Issues › Grafana Issues. */
export const grafanaIssues = defineProcedure({
  id: "grafana-issues",
  version: 2,
  kind: "procedure",
  section: "Monitoring Issues",
  title: "Grafana Issues",
  level: "L1",
  symptoms: [
    "Dashboard not loading",
    "Data source errors",
    "Authentication issues"
  ],
  resolution: [
    "Restart Grafana",
    "Check data source configuration",
    "Verify authentication",
    "Review dashboard queries"
  ],
  start: "check-grafana-status",
  steps: [
    {
      id: "check-grafana-status",
      title: "Check Grafana status",
      kind: "check",
      check: "kubernetes.get-pods",
      params: {
        namespace: "monitoring",
        selector: "app=grafana"
      },
      command: "kubectl get pods -n monitoring -l app=grafana",
      meaning: {
        ok: "Pods of a service: nothing out of the ordinary.",
        warn: "Pods of a service: something to look at; read the summary and the data.",
        fail: "Pods of a service: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-grafana-logs",
      title: "Check Grafana logs",
      kind: "check",
      check: "kubernetes.logs",
      params: {
        namespace: "monitoring",
        deployment: "grafana"
      },
      command: "kubectl logs -n monitoring deployment/grafana",
      meaning: {
        ok: "Service logs: nothing out of the ordinary.",
        warn: "Service logs: something to look at; read the summary and the data.",
        fail: "Service logs: broken; this is likely part of the cause."
      }
    },
    {
      id: "test-data-source",
      title: "Test data source",
      kind: "check",
      check: "grafana.datasources",
      params: {},
      command: "curl http://grafana:3000/api/datasources",
      meaning: {
        ok: "Grafana data sources: nothing out of the ordinary.",
        warn: "Grafana data sources: something to look at; read the summary and the data.",
        fail: "Grafana data sources: broken; this is likely part of the cause."
      }
    },
    {
      id: "restart-grafana",
      title: "Restart Grafana",
      kind: "operation",
      operation: "restart-monitoring",
      target: "system/grafana",
      command: "kubectl rollout restart deployment -n monitoring -l app=grafana",
      verify: ["check-grafana-status", "test-data-source"],
      next: { goto: "verify", because: "restarted: check its pods, its log and the data sources again" }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Restart Grafana",
        "Check data source configuration",
        "Verify authentication",
        "Review dashboard queries"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-grafana-status",
        "check-grafana-logs",
        "test-data-source"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
