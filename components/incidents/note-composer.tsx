"use client";

import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { addNoteAction } from "@/app/(console)/incidents/actions";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { newIdempotencyKey } from "@/components/ui/idempotency-key";
import { useServerAction } from "@/components/ui/use-server-action";

const draftKey = (incidentId: string) => `incident-note-draft:${incidentId}`;

/**
 * The note editor. What is typed survives a failed save and a reload (a draft in local
 * storage); every draft carries an idempotency key, so retrying a save whose answer was lost
 * never adds the note twice. The key changes only once a save succeeded.
 */
export function NoteComposer({ incidentId, onSaved }: { incidentId: string; onSaved: () => void }) {
  const [body, setBody] = useState("");
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const { run, pending, notice } = useServerAction(addNoteAction);

  useEffect(() => {
    const saved = localStorage.getItem(draftKey(incidentId));
    if (saved) {
      const draft = JSON.parse(saved) as { body: string; key: string };
      // Restoring a draft is reading an external store once, on mount.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setBody(draft.body);
      setKey(draft.key);
    }
  }, [incidentId]);

  const update = (text: string) => {
    setBody(text);
    if (text) localStorage.setItem(draftKey(incidentId), JSON.stringify({ body: text, key }));
    else localStorage.removeItem(draftKey(incidentId));
  };

  const save = () => {
    if (!body.trim()) return;
    setError(null);
    void run({ incidentId, body, idempotencyKey: key }).then((result) => {
      if (result.ok) {
        setBody("");
        setKey(newIdempotencyKey());
        localStorage.removeItem(draftKey(incidentId));
        onSaved();
      } else {
        setError(result.error.message);
      }
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((event.metaKey || event.ctrlKey) && event.key === "Enter") save();
  };

  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Add a note">
      {notice ? <Banner tone="warn" title={notice} /> : error ? <Banner tone="fail" title="The note was not saved">{error}</Banner> : null}
      <label htmlFor="note-body" className="sr-only">
        Note
      </label>
      <textarea
        id="note-body"
        value={body}
        onChange={(event) => update(event.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        placeholder="What did you check, what did you find? Markdown works. Ctrl+Enter saves."
        className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-sm"
      />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !body.trim()}>
          {pending ? "Saving…" : "Add note"}
        </Button>
      </div>
    </form>
  );
}
