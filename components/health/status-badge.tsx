import type { HealthStatus } from "@/lib/health/types";

const STYLES: Record<HealthStatus, { label: string; className: string; dot: string }> = {
  ok: { label: "ok", className: "border-ok/40 text-ok", dot: "bg-ok" },
  degraded: { label: "degraded", className: "border-warn/40 text-warn", dot: "bg-warn" },
  down: { label: "down", className: "border-fail/50 text-fail", dot: "bg-fail" },
  unknown: { label: "unknown", className: "border-unknown/40 text-unknown", dot: "bg-unknown" },
  not_configured: { label: "not configured", className: "border-border text-fg-muted", dot: "bg-transparent border border-fg-muted" },
};

/** A status in words with its colour (never colour alone). */
export function StatusBadge({ status }: { status: HealthStatus }) {
  const style = STYLES[status];
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${style.className}`}>
      <span className={`size-2 rounded-full ${style.dot}`} aria-hidden="true" />
      {style.label}
    </span>
  );
}
