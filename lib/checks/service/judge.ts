import type { Thresholds } from "@/lib/config/catalog";

/**
 * The one place each figure of a service is judged. The service checks (one scrape, a
 * responder's question) and the overview's panels (two scrapes, a rate over the last few
 * seconds) call these, so a panel and a wizard step never disagree about the same figure.
 * Pure: figures in, a verdict and the runbook's words out.
 */
export type Judged = { verdict: "ok" | "warn" | "fail"; reason: string };

const ok = (reason: string): Judged => ({ verdict: "ok", reason });

export const perSecond = (value: number) => `${value >= 9.95 ? Math.round(value) : value.toFixed(1)}/s`;
export const milliseconds = (seconds: number) => `${seconds < 0.01 ? (seconds * 1000).toFixed(1) : Math.round(seconds * 1000)} ms`;
export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)}%`;
const count = (value: number) => Math.round(value).toLocaleString("en-US");

/** errors / processed: "error rate 5.0%" against errorRateWarn / errorRateFail. */
export function judgeErrorRate(ratio: number, thresholds: Pick<Thresholds, "errorRateWarn" | "errorRateFail">): Judged {
  const reason = `error rate ${percent(ratio)}`;
  if (ratio >= thresholds.errorRateFail) return { verdict: "fail", reason };
  if (ratio >= thresholds.errorRateWarn) return { verdict: "warn", reason };
  return ok(reason);
}

/** The processing p99: "p99 420 ms" against p99WarnSeconds / p99FailSeconds. */
export function judgeP99(seconds: number, thresholds: Pick<Thresholds, "p99WarnSeconds" | "p99FailSeconds">): Judged {
  const reason = `p99 ${milliseconds(seconds)}`;
  if (seconds >= thresholds.p99FailSeconds) return { verdict: "fail", reason };
  if (seconds >= thresholds.p99WarnSeconds) return { verdict: "warn", reason };
  return ok(reason);
}

/** Nothing processed over a whole window while the service is up: the runbook's "processing metrics showing zero". */
export function judgeProcessed(perSecondValue: number): Judged {
  if (perSecondValue === 0) return { verdict: "warn", reason: "processing nothing (0/s)" };
  return ok(`processing ${perSecond(perSecondValue)}`);
}

/**
 * The symptoms a service counts, each judged as a rate over the scrape window (a short
 * window that still damps a single stray event): data quality issues, 401s, 429s and failed
 * TLS handshakes. `by` is the same rate split by the counter's telling label (check, reason,
 * owner), named in the reason as the runbook's diagnosis would find it.
 */
export const SYMPTOMS = {
  quality: { words: "data-quality issues", threshold: "qualityIssuesWarnPerSecond", label: "check" },
  authFailures: { words: "auth failures", threshold: "authFailuresWarnPerSecond", label: "reason" },
  rateLimited: { words: "429s", threshold: "rateLimitedWarnPerSecond", label: "owner" },
  tlsErrors: { words: "TLS handshake errors", threshold: "tlsErrorsWarnPerSecond", label: "reason" },
} as const satisfies Record<string, { words: string; threshold: keyof Thresholds; label: string }>;
export type Symptom = keyof typeof SYMPTOMS;

/** Label values as the runbook's reader knows them: a check name says what failed. */
const LABEL_WORDS: Record<string, string> = {
  price_positive: "price ≤ 0",
  volume_positive: "volume ≤ 0",
  stale_tick: "stale ticks",
  CERT_HAS_EXPIRED: "certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unknown issuer",
};

export function judgeSymptomRate(symptom: Symptom, rate: number, thresholds: Thresholds, by: Record<string, number> = {}): Judged {
  const { words, threshold } = SYMPTOMS[symptom];
  const parts = Object.entries(by)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([label, value]) => (Object.keys(by).length > 1 ? `${LABEL_WORDS[label] ?? label} ${perSecond(value)}` : (LABEL_WORDS[label] ?? label)));
  const detail = parts.length ? ` (${symptom === "rateLimited" ? "for " : ""}${parts.join(", ")})` : "";
  const reason = `${words} ${perSecond(rate)}${detail}`;
  return rate > 0 && rate >= thresholds[threshold] ? { verdict: "warn", reason } : ok(reason);
}

/**
 * Consumer lag with its trend: over consumerLagWarn/Fail is a symptom; so is lag that keeps
 * growing (at least consumerLagGrowthWarn per second over the trend's window) once it is
 * past consumerLagGrowingMin — a stalled consumer is seen in seconds, before the line.
 * `growthPerSecond` is null while the trend is not known yet (fewer than 5 s of samples).
 */
export function judgeLag(
  lag: number,
  growthPerSecond: number | null,
  thresholds: Pick<Thresholds, "consumerLagWarn" | "consumerLagFail" | "consumerLagGrowthWarn" | "consumerLagGrowingMin">,
  group?: string,
): Judged {
  const growing = growthPerSecond !== null && growthPerSecond >= thresholds.consumerLagGrowthWarn;
  const reason = `${group ? `${group} ` : ""}lag ${count(lag)}${growing ? ` and growing ${perSecond(growthPerSecond)}` : ""}`;
  if (lag >= thresholds.consumerLagFail) return { verdict: "fail", reason };
  if (lag >= thresholds.consumerLagWarn) return { verdict: "warn", reason };
  if (growing && lag >= thresholds.consumerLagGrowingMin) return { verdict: "warn", reason };
  return ok(reason);
}

/**
 * Memory against the container's limit, with its trend: memoryWarn/Fail of the limit, or
 * rising steadily fast enough to reach the limit within memoryLimitWithinSeconds (the OOM
 * kill is then a minute away: the runbook's "High Memory Usage" before "Pods being OOMKilled").
 */
export function judgeMemory(
  usedBytes: number,
  limitBytes: number,
  risePerSecond: number | null,
  thresholds: Pick<Thresholds, "memoryWarn" | "memoryFail" | "memoryLimitWithinSeconds">,
): Judged {
  const ratio = usedBytes / limitBytes;
  const rising = risePerSecond !== null && risePerSecond > 0 ? (limitBytes - usedBytes) / risePerSecond : null;
  const soon = rising !== null && rising <= thresholds.memoryLimitWithinSeconds;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MiB`;
  const trend = soon ? ` and rising ${mib(risePerSecond!)}/s (limit in ~${Math.max(1, Math.round(rising!))} s)` : "";
  const reason = `memory ${Math.round(ratio * 100)} % of limit (${mib(usedBytes)} of ${mib(limitBytes)})${trend}`;
  if (ratio >= thresholds.memoryFail) return { verdict: "fail", reason };
  if (ratio >= thresholds.memoryWarn || soon) return { verdict: "warn", reason };
  return ok(reason);
}
