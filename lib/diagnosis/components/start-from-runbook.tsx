"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { newIdempotencyKey } from "@/components/ui/idempotency-key";
import { useServerAction } from "@/components/ui/use-server-action";
import { declareAndDiagnoseAction, startRunAction } from "../actions";

/**
 * "Diagnose" from a runbook page or a panel: a run belongs to an incident, so pick an open
 * one or declare one here; either way the responder lands on the incident with the run open.
 */
export function StartFromRunbook({ procedure, title, incidents, services, service: initialService }: { procedure: string; title: string; incidents: { id: string; label: string }[]; services: string[]; service?: string }) {
  const router = useRouter();
  const [incidentId, setIncidentId] = useState(incidents[0]?.id ?? "");
  const [newTitle, setNewTitle] = useState(title);
  const [severity, setSeverity] = useState<"SEV1" | "SEV2" | "SEV3" | "SEV4">("SEV3");
  const [service, setService] = useState(initialService ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // One declaration per page load: a repeat (the hook's retry of a lost answer, a second
  // click) returns the incident and run already made instead of declaring a second one.
  const [declarationKey] = useState(newIdempotencyKey);
  // Retried while the console is unreachable, as the declare dialog is; starting a run on an
  // existing incident is not (it carries no key: a retry could start a second run).
  const declaring = useServerAction(declareAndDiagnoseAction);

  const go = async (outcome: Promise<{ ok: true; value: { incidentId: string; runId: string } } | { ok: false; error: { message: string } }>) => {
    setPending(true);
    setMessage(null);
    const result = await outcome;
    setPending(false);
    if (!result.ok) return setMessage(result.error.message);
    router.push(`/incidents/${result.value.incidentId}?run=${result.value.runId}`);
  };

  return (
    <div className="space-y-3" data-testid="start-from-runbook">
      {incidents.length ? (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="run-incident" className="text-sm">On incident</label>
          <select id="run-incident" value={incidentId} onChange={(event) => setIncidentId(event.target.value)} className="min-w-0 max-w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm">
            {incidents.map((incident) => <option key={incident.id} value={incident.id}>{incident.label}</option>)}
          </select>
          <Button
            disabled={pending || !incidentId}
            onClick={() => void go(startRunAction({ incidentId, procedure, ...(service ? { service } : {}) }).then((result) => (result.ok ? { ok: true as const, value: { incidentId, runId: result.value.id } } : result)))}
            data-testid="start-on-incident"
          >
            Start diagnosis
          </Button>
        </div>
      ) : null}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void go(declaring.run({ procedure, title: newTitle, severity, services: service ? [service] : [], idempotencyKey: declarationKey }));
        }}
      >
        <label className="text-sm">
          <span className="block text-fg-muted">{incidents.length ? "…or declare a new incident" : "Declare an incident to diagnose on"}</span>
          <input value={newTitle} onChange={(event) => setNewTitle(event.target.value)} className="w-72 max-w-full rounded-md border border-border bg-surface px-2 py-1.5" aria-label="Incident title" />
        </label>
        <select value={severity} onChange={(event) => setSeverity(event.target.value as typeof severity)} className="rounded-md border border-border bg-surface px-2 py-1.5 text-sm" aria-label="Severity">
          {(["SEV1", "SEV2", "SEV3", "SEV4"] as const).map((value) => <option key={value}>{value}</option>)}
        </select>
        <select value={service} onChange={(event) => setService(event.target.value)} className="rounded-md border border-border bg-surface px-2 py-1.5 text-sm" aria-label="Service">
          <option value="">no service named</option>
          {services.map((name) => <option key={name}>{name}</option>)}
        </select>
        <Button type="submit" variant="secondary" disabled={pending} data-testid="declare-and-diagnose">Declare and diagnose</Button>
      </form>
      {declaring.notice ? <p role="status" className="text-sm text-warn">{declaring.notice}</p> : null}
      {message ? <p role="alert" className="text-sm text-warn">{message}</p> : null}
    </div>
  );
}
