import { CircleCheck, CircleDashed, CircleHelp, CircleX, TriangleAlert, type LucideIcon } from "lucide-react";
import type { HealthStatus } from "@/lib/health/types";

const STYLES: Record<HealthStatus, { label: string; className: string; Icon: LucideIcon }> = {
  ok: { label: "ok", className: "border-ok/40 text-ok", Icon: CircleCheck },
  degraded: { label: "degraded", className: "border-warn/40 text-warn", Icon: TriangleAlert },
  down: { label: "down", className: "border-fail/50 text-fail", Icon: CircleX },
  unknown: { label: "unknown", className: "border-unknown/40 text-unknown", Icon: CircleHelp },
  not_configured: { label: "not configured", className: "border-border text-fg-muted", Icon: CircleDashed },
};

/** A status in words and a shape beside its colour (never colour alone). */
export function StatusBadge({ status }: { status: HealthStatus }) {
  const { label, className, Icon } = STYLES[status];
  return (
    <span data-status={status} className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${className}`}>
      <Icon className="size-3.5" aria-hidden="true" />
      {label}
    </span>
  );
}
