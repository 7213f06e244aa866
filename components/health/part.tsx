import type { ReactNode } from "react";

type PartResult<T> = { ok: true; value: T; ms: number } | { ok: false; error: { kind: string; message: string }; ms: number };

/** One part of a page that comes from one backend: its content, or what failed in words (never the whole page). */
export function Part<T>({ title, part, children, action }: { title: string; part: PartResult<T>; children: (value: T) => ReactNode; action?: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface-raised p-4">
      <header className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        {action}
      </header>
      {part.ok ? (
        children(part.value)
      ) : (
        <p className={`text-sm ${part.error.kind === "not_configured" ? "text-fg-muted" : "text-fail"}`} data-error-kind={part.error.kind}>
          {part.error.kind === "not_configured" ? "Not configured" : part.error.kind.replace("_", " ")}: {part.error.message}
        </p>
      )}
    </section>
  );
}
