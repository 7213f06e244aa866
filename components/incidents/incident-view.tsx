"use client";

import { useState } from "react";
import { changeStatusAction } from "@/app/(console)/incidents/actions";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { LocalTime } from "@/components/ui/local-time";
import { can, type Role } from "@/lib/auth/roles";
import { canChangeStatus, LEVEL_NAMES, STATUSES, STATUS_MEANINGS, type IncidentStatus } from "@/lib/incidents/lifecycle";
import { incidentRef } from "@/lib/incidents/types";
import { DiagnosisPanel } from "@/lib/diagnosis/components/diagnosis-panel";
import { ActPanel } from "@/lib/operations/act-panel";
import type { ActOptions } from "@/lib/operations/types";
import { ChecklistPanel } from "./checklist-panel";
import { EscalateDialog } from "./escalate-dialog";
import { HandoffPanel } from "./handoff-panel";
import { NoteComposer } from "./note-composer";
import { SeverityBadge } from "./severity-badge";
import { TimelineList } from "./timeline-list";
import { useIncident, type IncidentData } from "./use-incident";

export function IncidentView({ initial, viewer, act }: { initial: IncidentData; viewer: { email: string; role: Role }; act?: ActOptions }) {
  const { data: incident, live, refresh, error: loadError } = useIncident(initial);
  const [statusError, setStatusError] = useState<string | null>(null);
  const { run: runStatusChange, pending, notice: statusNotice } = useServerAction(changeStatusAction);
  const canWrite = can(viewer.role, "incident:write");
  // Pages older than the live first page, fetched on demand (keyset: before an entry id).
  const [older, setOlder] = useState<IncidentData["timeline"]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null | undefined>(undefined);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const cursor = olderCursor === undefined ? incident.olderThan : olderCursor;
  const seen = new Set(incident.timeline.map((entry) => entry.id));
  const entries = [...incident.timeline, ...older.filter((entry) => !seen.has(entry.id))];
  const loadOlder = async () => {
    if (!cursor) return;
    setLoadingOlder(true);
    try {
      const response = await fetch(`/api/v1/incidents/${incident.id}/timeline?before=${cursor}`);
      if (response.ok) {
        const page = (await response.json()) as { timeline: IncidentData["timeline"]; olderThan: string | null };
        setOlder((current) => [...current, ...page.timeline]);
        setOlderCursor(page.olderThan);
      }
    } finally {
      setLoadingOlder(false);
    }
  };
  const nextStatuses = STATUSES.filter((status) => canChangeStatus(incident.status as IncidentStatus, status));

  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
          <span className="font-mono">{incidentRef(incident.number)}</span>
          <SeverityBadge severity={incident.severity} />
          <Badge>{incident.status}</Badge>
          <Badge>{LEVEL_NAMES[incident.level]}</Badge>
          <span aria-live="polite" className={`ml-auto text-xs ${live === "live" ? "text-ok" : "text-warn"}`} data-testid="live-state">
            {live === "live" ? "● live" : live === "connecting" ? "connecting…" : "reconnecting…"}
          </span>
        </div>
        <h1 className="text-2xl font-semibold">{incident.title}</h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="inline text-fg-muted">Owner </dt>
            <dd className="inline" data-testid="incident-owner">{incident.owner ?? "nobody"}</dd>
          </div>
          <div>
            <dt className="inline text-fg-muted">Services </dt>
            <dd className="inline">{incident.services.join(", ") || "none named"}</dd>
          </div>
          <div>
            <dt className="inline text-fg-muted">Impact since </dt>
            <dd className="inline">
              <LocalTime iso={incident.impactStartedAt} />
            </dd>
          </div>
          {incident.resolvedAt ? (
            <div>
              <dt className="inline text-fg-muted">Resolved </dt>
              <dd className="inline">
                <LocalTime iso={incident.resolvedAt} />
              </dd>
            </div>
          ) : null}
        </dl>
        {loadError ? <Banner tone="warn" title="Showing the last data received">{loadError.message}</Banner> : null}
        {canWrite ? (
          <div className="flex flex-wrap items-center gap-2">
            {nextStatuses.map((status) => (
              <Button
                key={status}
                variant="secondary"
                disabled={pending}
                title={STATUS_MEANINGS[status]}
                onClick={() => {
                  setStatusError(null);
                  void runStatusChange({ incidentId: incident.id, status }).then(async (result) => {
                    if (result.ok) await refresh();
                    else setStatusError(result.error.message);
                  });
                }}
              >
                {incident.status === "resolved" ? "Reopen" : `Mark ${status}`}
              </Button>
            ))}
            {incident.status !== "resolved" ? <EscalateDialog incidentId={incident.id} level={incident.level} onDone={() => void refresh()} /> : null}
            <a className="ml-auto text-sm text-accent hover:underline" href={`/api/v1/incidents/${incident.id}/postmortem`} download>
              Postmortem draft (.md)
            </a>
          </div>
        ) : null}
        {statusNotice ? <Banner tone="warn" title={statusNotice} /> : statusError ? <Banner tone="fail" title={statusError} /> : null}
      </header>

      {incident.status === "resolved" ? (
        <Banner tone="ok" title="Resolved">
          <a className="underline" href={`/api/v1/incidents/${incident.id}/postmortem`} download>
            Download the postmortem draft
          </a>{" "}
          (summary, impact window, MTTA/MTTR, evidence, operations, hand-offs, timeline).
        </Banner>
      ) : null}
      <HandoffPanel incident={incident} role={viewer.role} onChanged={() => void refresh()} />
      <ChecklistPanel incidentId={incident.id} items={incident.checklist} canWrite={canWrite} onChanged={() => void refresh()} />
      <DiagnosisPanel incidentId={incident.id} canRun={can(viewer.role, "diagnosis:run")} />
      {canWrite && act && incident.status !== "resolved" ? (
        <ActPanel incidentId={incident.id} role={viewer.role} targets={act.targets} unavailable={act.unavailable} version={Math.max(0, ...incident.timeline.map((entry) => Number(entry.id)))} />
      ) : null}
      {canWrite ? <NoteComposer incidentId={incident.id} onSaved={() => void refresh()} /> : null}
      <TimelineList incidentId={incident.id} entries={entries} viewerEmail={viewer.email} onChanged={() => void refresh()} />
      {cursor ? (
        <Button variant="secondary" onClick={() => void loadOlder()} disabled={loadingOlder}>
          {loadingOlder ? "Loading…" : "Load older entries"}
        </Button>
      ) : null}
    </div>
  );
}
