"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { captureHealthAction } from "@/app/(console)/services/actions";
import { Button } from "@/components/ui/button";

export interface OpenIncident {
  id: string;
  label: string;
}

/**
 * "Capture to incident": the panel's state as it is now, frozen onto the chosen incident's
 * timeline. Says where it landed (with a link) or what failed; never claims a capture that
 * did not happen.
 */
export function CaptureForm({ name, incidents }: { name: string; incidents: OpenIncident[] }) {
  const [incidentId, setIncidentId] = useState(incidents[0]?.id ?? "");
  const [outcome, setOutcome] = useState<{ ok: true; incident: string; id: string } | { ok: false; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  if (!incidents.length) return <p className="text-sm text-fg-muted">No open incident to capture to.</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const chosen = incidentId;
    startTransition(async () => {
      const result = await captureHealthAction({ incidentId: chosen, name }).catch(() => ({
        ok: false as const,
        error: { message: "The console could not be reached; nothing was captured. Try again." },
      }));
      setOutcome(result.ok ? { ok: true, incident: result.value.incident, id: chosen } : { ok: false, message: result.error.message });
    });
  };
  return (
    <form onSubmit={submit} className="flex min-w-0 max-w-full flex-wrap items-end gap-2">
      <div className="min-w-0 max-w-full space-y-1">
        <label htmlFor={`capture-${name}`} className="block text-xs font-medium text-fg-muted">
          Incident
        </label>
        <select id={`capture-${name}`} value={incidentId} onChange={(event) => setIncidentId(event.target.value)} className="w-full max-w-full rounded-md border border-border bg-surface-raised px-2 py-1.5 text-sm sm:w-auto">
          {incidents.map((incident) => (
            <option key={incident.id} value={incident.id}>
              {incident.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending || !incidentId}>
        {pending ? "Capturing…" : "Capture to incident"}
      </Button>
      <p role="status" className="basis-full text-sm">
        {outcome?.ok ? (
          <span className="text-ok">
            Captured to <Link className="underline" href={`/incidents/${outcome.id}`}>{outcome.incident}</Link>.
          </span>
        ) : outcome ? (
          <span className="text-fail">{outcome.message}</span>
        ) : null}
      </p>
    </form>
  );
}
