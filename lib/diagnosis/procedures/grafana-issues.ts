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
        ok: "Every Grafana pod in monitoring is ready, none waiting, fewer than 3 restarts in all.",
        warn: "A Grafana pod is not ready, waiting (reason in the summary) or restarted 3 times or more: read Grafana's log for why.",
        fail: "No Grafana pod is ready, or none exists: the dashboards cannot load; restart Grafana.",
        error: "The Kubernetes API did not answer.",
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
        ok: "No ERROR or FATAL line in Grafana's newest 1,000 lines.",
        warn: "ERROR or FATAL lines in Grafana's log (count in the summary): look for data source, database or authentication errors.",
        fail: "This check does not fail: ERROR lines are a warn, an unreadable log an error.",
        error: "The Kubernetes API did not answer, or Grafana has no pod to read.",
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
        ok: "Every data source Grafana has passes its health test and Grafana's database is ok.",
        warn: "Grafana has no data source at all: the dashboards have nothing to query; check data source configuration.",
        fail: "A data source fails its test (named with its message in the summary) or Grafana's database is not ok: check that data source's configuration and authentication.",
        error: "Grafana did not answer: restart Grafana.",
        skipped: "No Grafana API token configured (systems.grafana.tokenEnv), so the data sources cannot be listed.",
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
