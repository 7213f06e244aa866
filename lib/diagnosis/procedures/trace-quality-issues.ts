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
        ok: "Since the collector started, spans are saved and none was rejected, dropped or failed to save; its queue is under half full.",
        warn: "Spans were rejected, dropped or failed to save, the queue is half full, or nothing was saved or no metrics found (in the summary): that is where spans go missing; monitor trace volume.",
        fail: "The collector's queue is 95 % full or more: new spans are being dropped; reduce trace volume (sampling rates) or give the collector more capacity.",
        error: "The collector's metrics endpoint did not answer: see Jaeger Issues.",
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
        ok: "The service's pod spec sets TRACING variables, none turning tracing off (TRACING_ENABLED false) or setting TRACING_SAMPLING_RATE to 0.",
        warn: "No TRACING variable in the pod spec, TRACING_ENABLED false, or TRACING_SAMPLING_RATE 0: the service sends no spans; adjust sampling rates.",
        fail: "This check does not fail: tracing turned off is a warn.",
        error: "The Kubernetes API did not answer, or the service has no pod.",
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
        ok: "Elasticsearch holds spans in jaeger-span-* and every shard answered the count.",
        warn: "No span is stored in jaeger-span-*, or shards failed to answer the count (in the summary): traces cannot be complete; see Jaeger Issues for the storage.",
        fail: "This check does not fail: no spans is a warn.",
        error: "Elasticsearch did not answer: see Jaeger Issues.",
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
