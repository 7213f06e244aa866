import { formatDuration } from "@/lib/config/duration";

/**
 * How a panel's figures read: a label, the value with its unit, and which ones get a
 * sparkline. Keys not listed here are shown by their name. Pure.
 */
type Format = { label: string; format: (value: number) => string; sparkline?: boolean };

const count = (value: number) => Math.round(value).toLocaleString("en-US");
const perSecond = (value: number) => `${value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1)}/s`;
const percent = (value: number) => `${(value * 100).toFixed(value < 0.001 && value > 0 ? 2 : 1)}%`;
const seconds = (value: number) => (value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`);
const bytes = (value: number) => {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
};

export const FIGURES: Record<string, Format> = {
  processedPerSecond: { label: "processed", format: perSecond, sparkline: true },
  errorRate: { label: "errors", format: percent, sparkline: true },
  p95Seconds: { label: "p95", format: seconds, sparkline: true },
  p99Seconds: { label: "p99", format: seconds, sparkline: true },
  consumerLag: { label: "consumer lag", format: count, sparkline: true },
  totalLag: { label: "total lag", format: count, sparkline: true },
  p50Seconds: { label: "p50", format: seconds },
  qualityIssuesPerSecond: { label: "quality issues", format: perSecond },
  rateLimitedPerSecond: { label: "rate limited", format: perSecond },
  authFailuresPerSecond: { label: "auth failures", format: perSecond },
  tlsErrorsPerSecond: { label: "TLS errors", format: perSecond },
  restarts: { label: "restarts", format: count },
  podsReady: { label: "ready", format: count },
  uptimeSeconds: { label: "uptime", format: (value) => formatDuration(value * 1000) },
  usedMemoryBytes: { label: "memory", format: bytes, sparkline: true },
  databaseBytes: { label: "size", format: bytes },
};

/** Figures not worth a word on a panel (the probe's own time is in the panel's footer). */
export const HIDDEN = new Set(["ms"]);

/** Figures a panel shows in its first lines (others only on the detail page). */
export const HEADLINE = ["processedPerSecond", "errorRate", "p95Seconds", "p99Seconds", "consumerLag", "totalLag"];

export function formatFigure(key: string, value: number | string | null): { label: string; text: string } {
  const known = FIGURES[key];
  const label = known?.label ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  if (value === null) return { label, text: "–" };
  if (typeof value === "string") return { label, text: value };
  if (!Number.isFinite(value)) return { label, text: "–" };
  if (known) return { label, text: known.format(value) };
  if (/bytes$/i.test(key)) return { label: label.replace(/ bytes$/, ""), text: bytes(value) };
  if (/seconds$/i.test(key)) return { label: label.replace(/ seconds$/, ""), text: seconds(value) };
  if (/persecond$/i.test(key)) return { label: label.replace(/ per second$/, ""), text: perSecond(value) };
  return { label, text: Number.isInteger(value) ? count(value) : value.toFixed(2) };
}

/** "4 s ago", "3 min ago": how old a panel's data is. */
export function formatAge(ms: number): string {
  const secondsAgo = Math.max(0, Math.round(ms / 1000));
  if (secondsAgo < 90) return `${secondsAgo} s ago`;
  const minutes = Math.round(secondsAgo / 60);
  return minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}
