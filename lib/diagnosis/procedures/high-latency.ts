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
        ok: "The service's p99 processing time is under 250 ms (p99WarnSeconds) over the scrape window.",
        warn: "p99 is 250 ms or more, or no duration histogram or observations are exposed: messages are slow; check resource usage and the database next.",
        fail: "p99 is 2 s or more (p99FailSeconds): callers time out; scale up services and look for the slow dependency.",
        error: "The service's metrics endpoint did not answer: the service may be down (Service Not Starting).",
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
        ok: "No pod in data-processing uses 85 % (memoryWarn) or more of its memory limit; CPU is listed, not judged.",
        warn: "A pod uses 85 % or more of its memory limit, or metrics-server has no figures: a pod near its limit slows down; compare its CPU too, and scale up.",
        fail: "A pod uses 95 % (memoryFail) or more of its memory limit: it is about to be OOMKilled; see High Memory Usage.",
        error: "metrics-server or the Kubernetes API did not answer.",
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
        ok: "None of today's 10 slowest ClickHouse queries took 2 s or longer (slowQuerySeconds): the database is not what is slow.",
        warn: "ClickHouse queries today took 2 s or longer (the slowest and its client in the summary): optimize database queries.",
        fail: "This check does not fail: slow queries are a warn.",
        error: "ClickHouse did not answer: see ClickHouse Issues.",
        skipped: "system.query_log does not exist (query logging is off) or ClickHouse is not configured.",
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
