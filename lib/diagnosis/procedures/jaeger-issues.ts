import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Tracing Issues › Jaeger Issues. */
export const jaegerIssues = defineProcedure({
  id: "jaeger-issues",
  version: 2,
  kind: "procedure",
  section: "Tracing Issues",
  title: "Jaeger Issues",
  level: "L1",
  symptoms: [
    "Traces not appearing",
    "High memory usage",
    "Query timeouts"
  ],
  resolution: [
    "Restart Jaeger components",
    "Check storage connectivity",
    "Review sampling rates",
    "Monitor resource usage"
  ],
  start: "check-jaeger-status",
  steps: [
    {
      id: "check-jaeger-status",
      title: "Check Jaeger status",
      kind: "check",
      check: "kubernetes.get-pods",
      params: {
        namespace: "data-processing",
        selector: "component=jaeger-collector"
      },
      command: "kubectl get pods -n data-processing -l component=jaeger-collector",
      meaning: {
        ok: "Pods of a service: nothing out of the ordinary.",
        warn: "Pods of a service: something to look at; read the summary and the data.",
        fail: "Pods of a service: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-collector-health",
      title: "Check collector health",
      kind: "check",
      check: "jaeger.collector-health",
      params: {},
      command: "curl http://jaeger-collector:14268/",
      meaning: {
        ok: "Jaeger collector health: nothing out of the ordinary.",
        warn: "Jaeger collector health: something to look at; read the summary and the data.",
        fail: "Jaeger collector health: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-storage-status",
      title: "Check storage status",
      kind: "check",
      check: "elasticsearch.cluster-health",
      params: {},
      command: "kubectl exec -it elasticsearch-0 -n data-processing -- curl \\\n  http://localhost:9200/_cluster/health",
      meaning: {
        ok: "Elasticsearch cluster health: nothing out of the ordinary.",
        warn: "Elasticsearch cluster health: something to look at; read the summary and the data.",
        fail: "Elasticsearch cluster health: broken; this is likely part of the cause."
      }
    },
    {
      id: "restart-jaeger-components",
      title: "Restart Jaeger components",
      kind: "operation",
      operation: "restart-monitoring",
      target: "system/jaeger",
      command: "kubectl rollout restart deployment -n data-processing -l component=jaeger-collector",
      verify: ["check-jaeger-status", "check-collector-health"],
      next: { goto: "verify", because: "restarted: check the collector and its storage again" }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Restart Jaeger components",
        "Check storage connectivity",
        "Review sampling rates",
        "Monitor resource usage"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-jaeger-status",
        "check-collector-health",
        "check-storage-status"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
