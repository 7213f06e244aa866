"use client";

import { useRef, useState, type FormEvent } from "react";
import { escalateAction } from "@/app/(console)/incidents/actions";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLE_RESPONSIBILITIES, type Role } from "@/lib/auth/roles";
import { LEVEL_NAMES, nextLevel, type Level } from "@/lib/incidents/lifecycle";

/** Escalating asks what the next level must know; the rest of the packet comes from the timeline. */
export function EscalateDialog({ incidentId, level, onDone }: { incidentId: string; level: Level; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const to = nextLevel(level);
  const [note, setNote] = useState("");
  const [hypothesis, setHypothesis] = useState("");
  const [questions, setQuestions] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { run, pending, notice } = useServerAction(escalateAction);
  if (!to) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    void run({ incidentId, note, hypothesis, openQuestions: questions.split("\n").filter((line) => line.trim()) }).then((result) => {
      if (result.ok) {
        dialog.current?.close();
        setNote("");
        setHypothesis("");
        setQuestions("");
        onDone();
      } else setError(result.error.message);
    });
  };
  const field = "w-full rounded-md border border-border bg-surface px-3 py-2 text-sm";
  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        Escalate to {to}
      </Button>
      <dialog ref={dialog} aria-labelledby="escalate-title" className="m-auto w-[min(36rem,92vw)] rounded-lg border border-border bg-surface-raised p-5 text-fg backdrop:bg-black/50">
        <form onSubmit={submit} className="space-y-3">
          <h2 id="escalate-title" className="text-lg font-semibold">
            Escalate {level} → {to}
          </h2>
          <p className="text-sm text-fg-muted">
            {LEVEL_NAMES[to]} is notified and must acknowledge before the deadline, or the incident escalates again. The hand-off packet includes
            every check, note, operation and status change so far.
          </p>
          <p className="text-sm">
            <span className="font-medium">{to} handles (runbook):</span> {ROLE_RESPONSIBILITIES[to.toLowerCase() as Role].join(" · ")}
          </p>
          {notice ? <Banner tone="warn" title={notice} /> : error ? <Banner tone="fail" title="Not escalated">{error}</Banner> : null}
          <label className="block space-y-1 text-sm">
            <span className="font-medium">What do you need from {to}?</span>
            <textarea required autoFocus rows={3} value={note} onChange={(event) => setNote(event.target.value)} className={field} name="handoffNote" />
          </label>
          <label className="block space-y-1 text-sm">
            <span className="font-medium">Current hypothesis</span>
            <input value={hypothesis} onChange={(event) => setHypothesis(event.target.value)} className={field} name="hypothesis" />
          </label>
          <label className="block space-y-1 text-sm">
            <span className="font-medium">Open questions (one per line)</span>
            <textarea rows={2} value={questions} onChange={(event) => setQuestions(event.target.value)} className={field} name="openQuestions" />
          </label>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Escalating…" : `Escalate to ${to}`}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
