"use client";

import { useState } from "react";
import type { Role } from "@/lib/auth/roles";
import { ActPanel } from "./act-panel";
import type { OperationKind, OperationTarget } from "./types";

/**
 * "Act" on a service page: the Act panel for this service's objects (its Deployment and its
 * pods). Operations land on an incident's timeline, so the responder picks an open incident
 * first; without one the page says where to declare it.
 */
export function ServiceAct({ service, incidents, role, targets, unavailable }: { service: string; incidents: { id: string; label: string }[]; role: Role; targets: OperationTarget[]; unavailable: Partial<Record<OperationKind, string>> }) {
  const [incidentId, setIncidentId] = useState(incidents[0]?.id ?? "");
  if (!targets.length) return null;
  return (
    <section className="space-y-2" aria-labelledby="service-act-heading" data-testid="service-act">
      <h2 id="service-act-heading" className="text-lg font-semibold">Act on {service}</h2>
      {incidents.length ? (
        <>
          <label className="flex min-w-0 max-w-full flex-wrap items-center gap-2 text-sm">
            <span>On incident</span>
            <select value={incidentId} onChange={(event) => setIncidentId(event.target.value)} className="min-w-0 max-w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm" name="incident">
              {incidents.map((incident) => (
                <option key={incident.id} value={incident.id}>{incident.label}</option>
              ))}
            </select>
          </label>
          <ActPanel key={incidentId} incidentId={incidentId} role={role} targets={targets} unavailable={unavailable} version={0} />
        </>
      ) : (
        <p className="text-sm text-fg-muted">
          Operations are done inside an incident, on its timeline: <a className="text-accent underline" href="/incidents">declare one</a> (or capture this service to a new one) to restart, scale or roll back {service} from here.
        </p>
      )}
    </section>
  );
}
