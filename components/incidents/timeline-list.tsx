"use client";

import { useState, useTransition } from "react";
import { editNoteAction } from "@/app/(console)/incidents/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { TIMELINE_KINDS, type TimelineKind } from "@/lib/incidents/types";
import { EvidenceDetail } from "@/lib/diagnosis/components/evidence-detail";
import { MarkdownBody } from "./markdown-body";
import { TimelineAnnouncer } from "./timeline-announcer";
import type { IncidentData } from "./use-incident";

type Entry = IncidentData["timeline"][number];

const KIND_LABELS: Record<TimelineKind, string> = {
  declared: "Declared",
  note: "Note",
  status: "Status",
  escalation: "Escalation",
  acknowledgement: "Acknowledged",
  auto_escalation: "Auto-escalation",
  operation: "Operation",
  evidence: "Evidence",
  checklist: "Checklist",
  notification: "Notification",
};

const KIND_TONE: Partial<Record<TimelineKind, string>> = {
  escalation: "text-warn",
  auto_escalation: "text-fail",
  acknowledgement: "text-ok",
  evidence: "text-accent",
};

function NoteEditor({ incidentId, entry, onDone }: { incidentId: string; entry: Entry; onDone: () => void }) {
  const [body, setBody] = useState(entry.body ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <label htmlFor={`edit-${entry.id}`} className="sr-only">
        Edit note
      </label>
      <textarea id={`edit-${entry.id}`} value={body} onChange={(event) => setBody(event.target.value)} rows={3} className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-sm" />
      {error ? <p className="text-sm text-fail">{error}</p> : null}
      <div className="flex gap-2">
        <Button
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await editNoteAction({ incidentId, eventId: entry.id, body });
              if (result.ok) onDone();
              else setError(result.error.message);
            })
          }
        >
          {pending ? "Saving…" : "Save edit"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** The incident's stream, newest first, filterable by kind. */
export function TimelineList({ incidentId, entries, viewerEmail, onChanged }: { incidentId: string; entries: Entry[]; viewerEmail: string; onChanged: () => void }) {
  const [hidden, setHidden] = useState<TimelineKind[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const present = TIMELINE_KINDS.filter((kind) => entries.some((entry) => entry.kind === kind));
  const shown = entries.filter((entry) => !hidden.includes(entry.kind));
  const newest = entries[0];
  return (
    <section aria-label="Timeline" className="space-y-3">
      <TimelineAnnouncer
        newestId={newest?.id}
        text={newest ? `New timeline entry: ${KIND_LABELS[newest.kind]} by ${newest.author}${"body" in newest && newest.body ? `: ${newest.body.slice(0, 200)}` : ""}` : ""}
      />
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filter the timeline">
        {present.map((kind) => {
          const on = !hidden.includes(kind);
          return (
            <button
              key={kind}
              type="button"
              aria-pressed={on}
              onClick={() => setHidden((current) => (on ? [...current, kind] : current.filter((value) => value !== kind)))}
              className={`rounded-full border px-2.5 py-0.5 text-xs ${on ? "border-accent text-fg" : "border-border text-fg-muted line-through"}`}
            >
              {KIND_LABELS[kind]}
            </button>
          );
        })}
      </div>
      <ol className="space-y-2">
        {shown.map((entry) => (
          <li key={entry.id} className="rounded-md border border-border bg-surface-raised px-4 py-3" data-kind={entry.kind}>
            <div className="flex flex-wrap items-baseline gap-2 text-xs text-fg-muted">
              <span className={`font-semibold uppercase tracking-wide ${KIND_TONE[entry.kind] ?? ""}`}>{KIND_LABELS[entry.kind]}</span>
              <LocalTime iso={entry.at} />
              <span>{entry.author}</span>
              {entry.editedAt ? (
                <details className="inline">
                  <summary className="cursor-pointer">edited</summary>
                  <ul className="mt-1 space-y-1">
                    {(("revisions" in entry ? entry.revisions : []) ?? []).map((revision, index) => (
                      <li key={index} className="rounded bg-surface-sunken p-2">
                        <span className="block text-[11px]">
                          replaced <LocalTime iso={revision.replacedAt} /> by {revision.editedBy}
                        </span>
                        <span className="whitespace-pre-wrap font-mono">{revision.body}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {entry.kind === "note" && entry.author === viewerEmail && editing !== entry.id ? (
                <button type="button" className="ml-auto text-accent hover:underline" onClick={() => setEditing(entry.id)}>
                  Edit
                </button>
              ) : null}
            </div>
            <div className="mt-1">
              {editing === entry.id ? (
                <NoteEditor
                  incidentId={incidentId}
                  entry={entry}
                  onDone={() => {
                    setEditing(null);
                    onChanged();
                  }}
                />
              ) : entry.kind === "note" && "body" in entry && entry.body ? (
                <MarkdownBody text={entry.body} />
              ) : (
                <p className="text-sm [overflow-wrap:anywhere]">{"body" in entry ? entry.body : null}</p>
              )}
              {entry.kind === "evidence" && entry.data ? <EvidenceDetail evidence={entry.data} /> : null}
            </div>
          </li>
        ))}
      </ol>
      {shown.length === 0 ? <Badge>Nothing of these kinds yet</Badge> : null}
    </section>
  );
}
