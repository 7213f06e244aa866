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
        ok: "Data quality issues: nothing out of the ordinary.",
        warn: "Data quality issues: something to look at; read the summary and the data.",
        fail: "Data quality issues: broken; this is likely part of the cause."
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
        ok: "Service logs: nothing out of the ordinary.",
        warn: "Service logs: something to look at; read the summary and the data.",
        fail: "Service logs: broken; this is likely part of the cause."
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
        ok: "Ticks with a price of zero or less: nothing out of the ordinary.",
        warn: "Ticks with a price of zero or less: something to look at; read the summary and the data.",
        fail: "Ticks with a price of zero or less: broken; this is likely part of the cause."
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
