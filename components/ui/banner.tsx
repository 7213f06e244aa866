import type { ReactNode } from "react";

type Tone = "info" | "warn" | "fail" | "ok";

const TONES: Record<Tone, string> = {
  info: "border-accent/40 bg-accent/10",
  warn: "border-warn/40 bg-warn/10",
  fail: "border-fail/40 bg-fail/10",
  ok: "border-ok/40 bg-ok/10",
};

/** A message that must be seen: errors use role=alert so screen readers read them at once. */
export function Banner({ tone = "info", title, children }: { tone?: Tone; title: string; children?: ReactNode }) {
  return (
    <div role={tone === "fail" || tone === "warn" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${TONES[tone]}`}>
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1 text-fg-muted">{children}</div> : null}
    </div>
  );
}
