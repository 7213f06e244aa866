import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Tracing Issues › Trace Quality Issues. */
export const traceQualityIssues = defineProcedure({
  id: "trace-quality-issues",
  version: 1,
  kind: "procedure",
  section: "Tracing Issues",
  title: "Trace Quality Issues",
  level: "L1",
  symptoms: [
    "Incomplete traces",
    "Missing spans",
    "High trace volume"
  ],
  resolution: [
    "Adjust sampling rates",
    "Check trace configuration",
    "Review span creation",
    "Monitor trace volume"
  ],
  start: "check-trace-metrics",
  steps: [
    {
      id: "check-trace-metrics",
      title: "Check trace metrics",
      kind: "check",
      check: "jaeger.trace-metrics",
      params: {},
      command: "curl http://jaeger-collector:9090/metrics | grep traces",
      meaning: {
        ok: "Jaeger trace metrics: nothing out of the ordinary.",
        warn: "Jaeger trace metrics: something to look at; read the summary and the data.",
        fail: "Jaeger trace metrics: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-sampling-configuration",
      title: "Check sampling configuration",
      kind: "check",
      check: "kubernetes.tracing-env",
      params: {},
      command: "kubectl exec -it <pod-name> -n data-processing -- env | grep TRACING",
      meaning: {
        ok: "Tracing environment of a pod: nothing out of the ordinary.",
        warn: "Tracing environment of a pod: something to look at; read the summary and the data.",
        fail: "Tracing environment of a pod: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-span-volume",
      title: "Check span volume",
      kind: "check",
      check: "elasticsearch.span-count",
      params: {},
      command: "kubectl exec -it elasticsearch-0 -n data-processing -- curl \\\n  http://localhost:9200/jaeger-span-*/_count",
      meaning: {
        ok: "Spans stored in Elasticsearch: nothing out of the ordinary.",
        warn: "Spans stored in Elasticsearch: something to look at; read the summary and the data.",
        fail: "Spans stored in Elasticsearch: broken; this is likely part of the cause."
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Adjust sampling rates",
        "Check trace configuration",
        "Review span creation",
        "Monitor trace volume"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-trace-metrics",
        "check-sampling-configuration",
        "check-span-volume"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
