const STYLES: Record<string, string> = {
  ok: "border-ok/40 text-ok",
  warn: "border-warn/40 text-warn",
  fail: "border-fail/50 text-fail",
  error: "border-fail/50 text-fail",
  skipped: "border-border text-fg-muted",
  answered: "border-accent/40 text-accent",
  ticked: "border-accent/40 text-accent",
  // an operation step's outcome
  succeeded: "border-ok/40 text-ok",
  partial: "border-warn/40 text-warn",
  failed: "border-fail/50 text-fail",
};

/** A step's verdict in words with its colour (never colour alone). */
export function VerdictBadge({ verdict }: { verdict: string }) {
  return (
    <span data-verdict={verdict} className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${STYLES[verdict] ?? "border-border text-fg-muted"}`}>
      {verdict}
    </span>
  );
}
