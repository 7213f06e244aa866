import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Data Processing Issues › Data Quality Issues. */
export const dataQualityIssues = defineProcedure({
  id: "data-quality-issues",
  version: 1,
  kind: "procedure",
  section: "Data Processing Issues",
  title: "Data Quality Issues",
  level: "L1",
  symptoms: [
    "High error rates in processing",
    "Invalid data in output tables",
    "Data quality alerts firing"
  ],
  resolution: [
    "Review data validation rules",
    "Check input data format",
    "Update enrichment logic",
    "Implement data quality checks"
  ],
  start: "check-data-quality-metrics",
  steps: [
    {
      id: "check-data-quality-metrics",
      title: "Check data quality metrics",
      kind: "check",
      check: "service.quality",
      params: {},
      command: "curl http://enrichment-service:9090/metrics | grep quality",
      meaning: {
        ok: "The service counts fewer than 0.1 data-quality issues per second over the scrape window: no bad data arriving now.",
        warn: "Data-quality issues at 0.1/s or more (by check in the summary, e.g. price ≤ 0), or no quality metric exposed: find which check fails and check the input data format.",
        fail: "This check does not fail: a quality-issue rate is a warn.",
        error: "The service's metrics endpoint did not answer: the service may be down (Service Not Starting).",
      }
    },
    {
      id: "check-error-logs",
      title: "Check error logs",
      kind: "check",
      check: "kubernetes.logs",
      params: {
        deployment: "enrichment-service",
        filter: "ERROR"
      },
      command: "kubectl logs -n data-processing deployment/enrichment-service | grep ERROR",
      meaning: {
        ok: "No ERROR line in the service's newest 1,000 lines.",
        warn: "ERROR lines in the service's log (count in the summary): they name the records and rules that failed; review data validation rules.",
        fail: "This check does not fail: ERROR lines are a warn, an unreadable log an error.",
        error: "The Kubernetes API did not answer, or the service has no pod to read.",
      }
    },
    {
      id: "check-data-validation",
      title: "Check data validation",
      kind: "check",
      check: "clickhouse.invalid-prices",
      params: {},
      command: "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10\"",
      meaning: {
        ok: "No row in market_ticks has a price of zero or less: invalid prices do not reach the output table.",
        warn: "A few rows (fewer than 10) in market_ticks have price ≤ 0 (symbols in the summary): validation let them through; review data validation rules.",
        fail: "10 or more rows in market_ticks have price ≤ 0: validation lets bad data through; update enrichment logic and the validation rules.",
        error: "ClickHouse did not answer: see ClickHouse Issues.",
        skipped: "ClickHouse is not configured in the catalog.",
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Review data validation rules",
        "Check input data format",
        "Update enrichment logic",
        "Implement data quality checks"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-data-quality-metrics",
        "check-error-logs",
        "check-data-validation"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
