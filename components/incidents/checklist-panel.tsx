"use client";

import { useState, useTransition } from "react";
import { tickChecklistAction } from "@/app/(console)/incidents/actions";
import type { IncidentData } from "./use-incident";

/** The runbook's emergency steps; each tick goes on the timeline. */
export function ChecklistPanel({ incidentId, items, canWrite, onChanged }: { incidentId: string; items: IncidentData["checklist"]; canWrite: boolean; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (items.length === 0) return null;
  const phases = [
    { phase: "immediate", title: "Immediate actions" },
    { phase: "recovery", title: "Recovery steps" },
  ];
  return (
    <section aria-label="Emergency checklist" className="rounded-lg border border-border bg-surface-raised p-4">
      {error ? <p className="mb-2 text-sm text-fail">{error}</p> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {phases.map(({ phase, title }) => (
          <div key={phase}>
            <h3 className="mb-2 text-sm font-semibold">{title}</h3>
            <ul className="space-y-1">
              {items
                .filter((item) => item.phase === phase)
                .map((item) => (
                  <li key={item.id}>
                    <label className="flex items-start gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="mt-1"
                        checked={Boolean(item.doneAt)}
                        disabled={!canWrite || pending}
                        onChange={(event) =>
                          startTransition(async () => {
                            const result = await tickChecklistAction({ incidentId, itemId: item.id, done: event.target.checked });
                            if (result.ok) onChanged();
                            else setError(result.error.message);
                          })
                        }
                      />
                      <span className={item.doneAt ? "text-fg-muted line-through" : ""}>
                        {item.text}
                        {item.doneBy ? <span className="ml-1 text-xs text-fg-muted">({item.doneBy})</span> : null}
                      </span>
                    </label>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
