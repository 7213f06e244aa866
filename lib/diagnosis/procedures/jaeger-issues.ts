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
        ok: "Every jaeger-collector pod is ready, none waiting, fewer than 3 restarts in all.",
        warn: "A jaeger-collector pod is not ready, waiting (reason in the summary) or restarted 3 times or more: check its resource usage; restart Jaeger components if it stays so.",
        fail: "No jaeger-collector pod is ready, or none exists: spans are not collected and traces stop appearing; restart Jaeger components.",
        error: "The Kubernetes API did not answer.",
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
        ok: "The collector's port 14268 answers and its admin health says \"Server available\" (or no admin port is configured).",
        warn: "The collector's port answers but its admin health port does not (reason in the summary): check the collector's pod and logs.",
        fail: "The collector answers but its admin health is not \"Server available\": it does not accept spans; restart Jaeger components.",
        error: "The Jaeger collector did not answer on port 14268: it is down; restart Jaeger components.",
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
        ok: "Elasticsearch, Jaeger's storage, is green: every shard is assigned.",
        warn: "Elasticsearch is yellow: replica shards are unassigned (count in the summary); spans are stored but without a copy.",
        fail: "Elasticsearch is red: a primary shard is unassigned and spans are being lost; check storage connectivity and disk.",
        error: "Elasticsearch did not answer: the collector cannot store spans; check storage connectivity.",
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
