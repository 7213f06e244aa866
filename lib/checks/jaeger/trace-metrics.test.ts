import { describe, expect, it } from "vitest";
import type { TraceMetrics } from "@/lib/connectors/jaeger/jaeger";
import { judgeTraceMetrics } from "./trace-metrics";

const metrics = (extra: Partial<TraceMetrics> = {}): TraceMetrics => ({
  flavour: "jaeger",
  spansReceived: 0,
  spansRejected: 0,
  spansDropped: 0,
  spansSaved: 777,
  spansSaveFailed: 0,
  savedByService: { "normalization-service": 379, "enrichment-service": 398 },
  tracesReceived: 0,
  tracesRejected: 0,
  queueLength: 0,
  queueCapacity: 2000,
  ...extra,
});

describe("jaeger.trace-metrics verdict", () => {
  it("is ok when spans are saved and none lost", () => {
    expect(judgeTraceMetrics(metrics())).toMatchObject({ verdict: "ok", summary: "777 spans saved (enrichment-service 398, normalization-service 379), 0 rejected, 0 dropped, queue 0/2,000 since collector start" });
  });

  it("warns on lost spans, a half-full queue or nothing saved; fails on a full queue", () => {
    expect(judgeTraceMetrics(metrics({ spansDropped: 5 })).verdict).toBe("warn");
    expect(judgeTraceMetrics(metrics({ spansSaveFailed: 2 }))).toMatchObject({ verdict: "warn", summary: expect.stringContaining("2 failed to save") });
    expect(judgeTraceMetrics(metrics({ queueLength: 1200 })).verdict).toBe("warn");
    expect(judgeTraceMetrics(metrics({ spansSaved: 0, savedByService: {} })).verdict).toBe("warn");
    expect(judgeTraceMetrics(metrics({ queueLength: 1990 })).verdict).toBe("fail");
    expect(judgeTraceMetrics({ ...metrics(), flavour: "none" })).toMatchObject({ verdict: "warn", summary: "no Jaeger collector metrics found at this URL" });
  });
});
