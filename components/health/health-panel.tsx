import Link from "next/link";
import type { ReactNode } from "react";
import { BookOpen } from "lucide-react";
import type { PanelHealth } from "@/lib/health/collector";
import { FIGURES, formatAge, formatFigure, HEADLINE, HIDDEN } from "./figures";
import { Sparkline } from "./sparkline";
import { StatusBadge } from "./status-badge";

/**
 * One service or system in one look: status, the reasons in words, key figures with their
 * last minutes, and how old the data is. A panel whose backend failed is grey with the
 * error kind among its reasons.
 */
export function HealthPanel({
  panel,
  now,
  href,
  procedureTitles = {},
  action,
}: {
  panel: PanelHealth;
  now: number;
  href?: string;
  /** runbook procedure id → title, for the procedures the panel's findings point to */
  procedureTitles?: Record<string, string>;
  /** e.g. "Declare" prefilled with this panel's reason */
  action?: ReactNode;
}) {
  const procedures = [...new Map((panel.findings ?? []).filter((finding) => finding.procedure).map((finding) => [finding.procedure!, finding.reason])).entries()];
  const figures = Object.entries(panel.figures).filter(([key]) => !HIDDEN.has(key));
  const headline = figures.filter(([key]) => HEADLINE.includes(key)).sort(([a], [b]) => HEADLINE.indexOf(a) - HEADLINE.indexOf(b));
  const others = figures.filter(([key]) => !HEADLINE.includes(key));
  const stale = now - Date.parse(panel.checkedAt) > 15_000;
  const tone =
    panel.status === "down" ? "border-fail/60" : panel.status === "degraded" ? "border-warn/60" : panel.status === "unknown" ? "border-unknown/40 bg-surface-sunken" : "border-border";
  return (
    <article aria-label={`${panel.name}: ${panel.status.replace("_", " ")}`} data-panel={panel.name} className={`flex flex-col gap-3 rounded-lg border bg-surface-raised p-4 ${tone} ${panel.status === "not_configured" ? "border-dashed" : ""}`}>
      <header className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">{href ? <Link href={href} className="hover:underline coarse:inline-block coarse:py-3">{panel.name}</Link> : panel.name}</h3>
        <StatusBadge status={panel.status} />
      </header>
      {panel.reasons.length ? (
        <ul className="space-y-0.5 text-sm" data-reasons>
          {panel.reasons.map((reason, index) => (
            <li key={index} className="break-words">{reason}</li>
          ))}
        </ul>
      ) : panel.status === "ok" ? (
        <p className="text-sm text-fg-muted">Nothing wrong found.</p>
      ) : null}
      {procedures.length || action ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-suggestions>
          {procedures.map(([procedure, reason]) => (
            <Link key={procedure} href={`/runbooks/${procedure}`} title={`${reason} → ${procedureTitles[procedure] ?? procedure}`} className="inline-flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs hover:bg-surface-sunken">
              <BookOpen aria-hidden className="size-3.5" />
              {procedureTitles[procedure] ?? procedure}
            </Link>
          ))}
          {action}
        </div>
      ) : null}
      {headline.length ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
          {headline.map(([key, value]) => {
            const { label, text } = formatFigure(key, value);
            const points = panel.history[key] ?? [];
            return (
              <div key={key} className="min-w-0">
                <dt className="text-xs text-fg-muted">{label}</dt>
                <dd className="flex items-center justify-between gap-2">
                  <span className="font-mono text-sm tabular-nums">{text}</span>
                  {FIGURES[key]?.sparkline ? <Sparkline points={points} className="text-accent" /> : null}
                </dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      {others.length ? (
        <p className="text-xs text-fg-muted">
          {others
            .map(([key, value]) => formatFigure(key, value))
            .map(({ label, text }) => `${label} ${text}`)
            .join(" · ")}
        </p>
      ) : null}
      <footer className={`mt-auto text-xs ${stale ? "font-semibold text-warn" : "text-fg-muted"}`}>
        checked{" "}
        {/* The server's clock and the browser's differ by the time to hydrate ("2 s" vs "3 s ago"); the browser's wins. */}
        <time dateTime={panel.checkedAt} title={panel.checkedAt} suppressHydrationWarning>
          {formatAge(now - Date.parse(panel.checkedAt))}
        </time> · {Math.round(panel.ms)} ms
      </footer>
    </article>
  );
}
