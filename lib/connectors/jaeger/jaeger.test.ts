import { describe, expect, it } from "vitest";
import { parsePrometheusText } from "../http/prometheus-text";
import { parseAdminHealth, traceMetrics } from "./jaeger";

/** As Jaeger 1.76's admin port writes them (lab), and as Jaeger v2's OpenTelemetry collector names them. */
const V1 = `# TYPE jaeger_collector_queue_capacity gauge
jaeger_collector_queue_capacity{host="vm"} 2000
jaeger_collector_queue_length{host="vm"} 12
# TYPE jaeger_collector_spans_dropped_total counter
jaeger_collector_spans_dropped_total{host="vm"} 3
jaeger_collector_spans_received_total{debug="false",format="proto",svc="other-services",transport="http"} 10
jaeger_collector_spans_rejected_total{debug="false",format="proto",svc="other-services",transport="http"} 1
jaeger_collector_spans_saved_by_svc_total{debug="false",result="err",svc="other-services"} 2
jaeger_collector_spans_saved_by_svc_total{debug="false",result="ok",svc="enrichment-service"} 398
jaeger_collector_spans_saved_by_svc_total{debug="false",result="ok",svc="normalization-service"} 379
jaeger_collector_spans_saved_by_svc_total{debug="false",result="ok",svc="other-services"} 0
# TYPE jaeger_collector_traces_rejected_total counter
jaeger_collector_traces_received_total{debug="false",format="jaeger",sampler_type="const",svc="other-services",transport="grpc"} 4
`;

describe("Jaeger collector metrics", () => {
  it("reads Jaeger v1's counters: saved by service, rejected, dropped, the queue", () => {
    expect(traceMetrics(parsePrometheusText(V1))).toEqual({
      flavour: "jaeger",
      spansReceived: 10,
      spansRejected: 1,
      spansDropped: 3,
      spansSaved: 777,
      spansSaveFailed: 2,
      savedByService: { "enrichment-service": 398, "normalization-service": 379 },
      tracesReceived: 4,
      tracesRejected: 0,
      queueLength: 12,
      queueCapacity: 2000,
    });
  });

  it("reads the OpenTelemetry collector's names (Jaeger v2), and nothing from a foreign exposition", () => {
    const v2 = traceMetrics(parsePrometheusText('otelcol_receiver_accepted_spans_total{receiver="otlp",transport="http"} 50\notelcol_receiver_refused_spans_total{receiver="otlp"} 2\notelcol_exporter_sent_spans_total{exporter="jaeger_storage_exporter"} 48\n'));
    expect(v2).toMatchObject({ flavour: "otelcol", spansReceived: 50, spansRejected: 2, spansSaved: 48, spansDropped: null });
    expect(traceMetrics(parsePrometheusText("up 1\n"))).toMatchObject({ flavour: "none", spansSaved: null });
  });

  it("reads the admin port's health answer", () => {
    expect(parseAdminHealth({ status: "Server available", upSince: "2026-11-30T09:09:25Z", uptime: "3m28s" }, 200)).toEqual({ httpStatus: 200, status: "Server available", upSince: "2026-11-30T09:09:25Z", uptime: "3m28s" });
    expect(parseAdminHealth({ status: "Server not available" }, 503)).toMatchObject({ status: "Server not available", upSince: null });
    expect(parseAdminHealth("404 page not found", 404)).toBeNull();
  });
});
