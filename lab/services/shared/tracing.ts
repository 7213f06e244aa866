/**
 * Minimal tracing: a sampled span per processed message, exported as OTLP/HTTP JSON to the
 * lab's Jaeger collector (:54318). Sampling follows TRACING_SAMPLING_RATE (0.1 in the
 * pod spec, as in production). No SDK: the OpenTelemetry packages are not among the
 * repo's dependencies, and a batch of JSON spans is all Jaeger's OTLP receiver needs.
 */
import crypto from "node:crypto";
import { PORTS } from "../../core/paths.ts";

const SAMPLING = Number(process.env.TRACING_SAMPLING_RATE ?? 0.1);
const ENDPOINT = `http://127.0.0.1:${PORTS.jaegerOtlpHttp}/v1/traces`;

interface Span {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Array<{ key: string; value: { stringValue: string } }>;
  status: { code: number };
}

export function createTracer(service: string) {
  let batch: Span[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const spans = batch;
    batch = [];
    const body = {
      resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] }, scopeSpans: [{ scope: { name: "lab" }, spans }] }],
    };
    // tracing is best effort: a missing collector must not affect processing
    await fetch(ENDPOINT, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
  };
  setInterval(() => void flush(), 2_000).unref();

  /** Starts a span if sampled; call the returned function when the work ends. */
  return function startSpan(name: string, attributes: Record<string, string> = {}): (error?: unknown) => void {
    if (Math.random() >= SAMPLING) return () => undefined;
    const start = process.hrtime.bigint();
    const wall = BigInt(Date.now()) * 1_000_000n;
    return (error?: unknown) => {
      const end = wall + (process.hrtime.bigint() - start);
      batch.push({
        traceId: crypto.randomBytes(16).toString("hex"),
        spanId: crypto.randomBytes(8).toString("hex"),
        name,
        kind: 5, // CONSUMER
        startTimeUnixNano: wall.toString(),
        endTimeUnixNano: end.toString(),
        attributes: Object.entries(attributes).map(([key, v]) => ({ key, value: { stringValue: v } })),
        status: { code: error ? 2 : 1 },
      });
      if (batch.length > 500) batch = batch.slice(-500);
    };
  };
}
