import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Performance Issues › High Latency. */
export const highLatency = defineProcedure({
  id: "high-latency",
  version: 1,
  kind: "procedure",
  section: "Performance Issues",
  title: "High Latency",
  level: "L2",
  symptoms: [
    "Slow response times",
    "High P95/P99 latencies",
    "Timeout errors"
  ],
  resolution: [
    "Scale up services",
    "Optimize database queries",
    "Check network connectivity",
    "Review caching strategies"
  ],
  start: "check-service-performance",
  steps: [
    {
      id: "check-service-performance",
      title: "Check service performance",
      kind: "check",
      check: "service.latency",
      params: {},
      command: "curl http://normalization-service:9090/metrics | grep duration",
      meaning: {
        ok: "Processing latency: nothing out of the ordinary.",
        warn: "Processing latency: something to look at; read the summary and the data.",
        fail: "Processing latency: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-resource-usage",
      title: "Check resource usage",
      kind: "check",
      check: "kubernetes.top-pods",
      params: {},
      command: "kubectl top pods -n data-processing",
      meaning: {
        ok: "Pod CPU and memory: nothing out of the ordinary.",
        warn: "Pod CPU and memory: something to look at; read the summary and the data.",
        fail: "Pod CPU and memory: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-database-performance",
      title: "Check database performance",
      kind: "check",
      check: "clickhouse.latency-queries",
      params: {},
      command: "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10\"",
      meaning: {
        ok: "Today's slowest ClickHouse queries: nothing out of the ordinary.",
        warn: "Today's slowest ClickHouse queries: something to look at; read the summary and the data.",
        fail: "Today's slowest ClickHouse queries: broken; this is likely part of the cause."
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Scale up services",
        "Optimize database queries",
        "Check network connectivity",
        "Review caching strategies"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-service-performance",
        "check-resource-usage",
        "check-database-performance"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
