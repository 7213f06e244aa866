import { describe, expect, it } from "vitest";
import { thresholdsSchema } from "@/lib/config/catalog";
import { judgeErrorRate, judgeLag, judgeMemory, judgeP99, judgeProcessed, judgeSymptomRate } from "./judge";

const thresholds = thresholdsSchema.parse({});
const MiB = 1024 * 1024;

describe("service judgements (shared by the checks and the overview)", () => {
  it("judges the error rate against its warn and fail lines, inclusive", () => {
    expect(judgeErrorRate(0.001, thresholds).verdict).toBe("ok");
    expect(judgeErrorRate(thresholds.errorRateWarn, thresholds)).toEqual({ verdict: "warn", reason: "error rate 1.0%" });
    expect(judgeErrorRate(0.25, thresholds)).toEqual({ verdict: "fail", reason: "error rate 25.0%" });
  });

  it("judges p99 against p99WarnSeconds and p99FailSeconds", () => {
    expect(judgeP99(0.012, thresholds).verdict).toBe("ok");
    expect(judgeP99(0.42, thresholds)).toEqual({ verdict: "warn", reason: "p99 420 ms" });
    expect(judgeP99(2.5, thresholds).verdict).toBe("fail");
  });

  it("calls zero processed a symptom, in the runbook's words", () => {
    expect(judgeProcessed(0)).toEqual({ verdict: "warn", reason: "processing nothing (0/s)" });
    expect(judgeProcessed(19.6).verdict).toBe("ok");
  });

  it("names the symptom, its rate and what the counter's label says", () => {
    expect(judgeSymptomRate("quality", 4.3, thresholds, { price_positive: 4.3 })).toEqual({ verdict: "warn", reason: "data-quality issues 4.3/s (price ≤ 0)" });
    expect(judgeSymptomRate("rateLimited", 12, thresholds, { "trading-desk-a": 12 })).toEqual({ verdict: "warn", reason: "429s 12/s (for trading-desk-a)" });
    expect(judgeSymptomRate("authFailures", 1, thresholds, { "revoked key: trading-desk-a": 0.5, "expired key: risk-desk-b": 0.5 }).reason).toBe(
      "auth failures 1.0/s (revoked key: trading-desk-a 0.5/s, expired key: risk-desk-b 0.5/s)",
    );
  });

  it("lets a stray event pass: a rate under its line is ok", () => {
    expect(judgeSymptomRate("authFailures", 0.05, thresholds).verdict).toBe("ok");
    expect(judgeSymptomRate("tlsErrors", 0, thresholds).verdict).toBe("ok");
  });

  it("sees lag growing before it crosses the warning line, and only past the minimum", () => {
    expect(judgeLag(680, 25, thresholds, "normalization-group")).toEqual({ verdict: "warn", reason: "normalization-group lag 680 and growing 25/s" });
    expect(judgeLag(40, 25, thresholds).verdict).toBe("ok");
    expect(judgeLag(680, 0.3, thresholds)).toEqual({ verdict: "ok", reason: "lag 680" });
    expect(judgeLag(680, null, thresholds).verdict).toBe("ok");
    expect(judgeLag(thresholds.consumerLagWarn, -50, thresholds).verdict).toBe("warn");
    expect(judgeLag(12_408, 40, thresholds).verdict).toBe("fail");
  });

  it("sees memory climbing to its limit before the kill, and a level near the limit", () => {
    expect(judgeMemory(134 * MiB, 384 * MiB, 5 * MiB, thresholds)).toEqual({ verdict: "warn", reason: "memory 35 % of limit (134 MiB of 384 MiB) and rising 5.0 MiB/s (limit in ~50 s)" });
    expect(judgeMemory(134 * MiB, 384 * MiB, 0.2 * MiB, thresholds).verdict).toBe("ok");
    expect(judgeMemory(350 * MiB, 384 * MiB, 0, thresholds)).toEqual({ verdict: "warn", reason: "memory 91 % of limit (350 MiB of 384 MiB)" });
    expect(judgeMemory(380 * MiB, 384 * MiB, null, thresholds).verdict).toBe("fail");
  });
});
