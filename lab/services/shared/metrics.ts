/**
 * The pipeline services' Prometheus metrics (prom-client), served on the metrics port
 * Prometheus scrapes (normalization 19090, enrichment 19091). Both services use the same
 * metric names, as services built on one shared library would; Prometheus's `job` label
 * tells them apart.
 */
import http from "node:http";
import client from "prom-client";
import type { Logger } from "./log.ts";

export function createPipelineMetrics(service: string) {
  const registry = new client.Registry();
  // no `service` default label: Prometheus's target labels already carry it (a clash
  // would rename it to exported_service)
  void service;
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    processed: new client.Counter({
      name: "messages_processed_total",
      help: "Messages processed successfully",
      labelNames: ["topic"],
      registers: [registry],
    }),
    errors: new client.Counter({
      name: "processing_errors_total",
      help: "Messages or requests that failed, by error type",
      labelNames: ["type"],
      registers: [registry],
    }),
    duration: new client.Histogram({
      name: "processing_duration_seconds",
      help: "Time to process one message",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    quality: new client.Counter({
      name: "data_quality_issues_total",
      help: "Ticks failing a data quality check, by check",
      labelNames: ["check"],
      registers: [registry],
    }),
    rateLimitRequests: new client.Counter({
      name: "rate_limit_requests_total",
      help: "API requests checked against the Redis rate limiter, by outcome (allowed|limited)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    rateLimitExceeded: new client.Counter({
      name: "rate_limit_exceeded_total",
      help: "API requests rejected with 429 Too Many Requests, by API key owner",
      labelNames: ["owner"],
      registers: [registry],
    }),
    authFailures: new client.Counter({
      name: "auth_failures_total",
      help: "API requests rejected with 401, by reason (missing|unknown|revoked|expired)",
      labelNames: ["reason", "owner"],
      registers: [registry],
    }),
    apiRequests: new client.Counter({
      name: "api_requests_total",
      help: "API requests by route and HTTP status",
      labelNames: ["route", "code"],
      registers: [registry],
    }),
    tlsHandshakeErrors: new client.Counter({
      name: "tls_handshake_errors_total",
      help: "Failed mTLS handshakes, by side (server|client) and reason",
      labelNames: ["side", "reason"],
      registers: [registry],
    }),
  };
}

export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;

/**
 * The /metrics endpoint. `setEnabled(false)` closes the listener — the target-down fault:
 * the service keeps working but its exporter port refuses connections, as after a bad
 * port change in a config rollout.
 */
export function serveMetrics(metrics: PipelineMetrics, port: number, log: Logger) {
  let server: http.Server | null = null;
  const open = () => {
    server = http.createServer(async (req, res) => {
      if (req.url?.startsWith("/metrics")) {
        res.setHeader("Content-Type", metrics.registry.contentType);
        res.end(await metrics.registry.metrics());
      } else {
        res.statusCode = 404;
        res.end("not found\n");
      }
    });
    server.on("error", (error) => log.error("metrics listener failed", { port, error }));
    server.listen(port, "127.0.0.1", () => log.info("metrics listening", { port }));
  };
  open();
  return {
    setEnabled(enabled: boolean) {
      if (enabled && !server) open();
      if (!enabled && server) {
        log.warn("metrics exporter stopped: /metrics no longer served", { port });
        server.close();
        server.closeAllConnections();
        server = null;
      }
    },
    close() {
      server?.close();
      server?.closeAllConnections();
    },
  };
}
