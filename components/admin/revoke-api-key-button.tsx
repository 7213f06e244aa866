"use client";

import { useRef, useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/(console)/admin/actions";
import { Button } from "@/components/ui/button";

/** Revoking is destructive: a dialog says exactly what stops working before it happens. */
export function RevokeApiKeyButton({ id, name, prefix }: { id: string; name: string; prefix: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id });
      if (result.ok) dialog.current?.close();
      else setError(result.error.message);
    });

  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        Revoke
      </Button>
      <dialog ref={dialog} className="m-auto max-w-md rounded-lg border border-border bg-surface-raised p-5 text-fg backdrop:bg-black/50">
        <h3 className="text-base font-semibold">Revoke API key “{name}”?</h3>
        <p className="mt-2 text-sm text-fg-muted">
          Every script using <code className="font-mono">ick_{prefix}_…</code> gets 401 Unauthorized from its next request on. This cannot be
          undone; a new key would have to be created and deployed.
        </p>
        {error ? <p className="mt-2 text-sm text-fail">{error}</p> : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
            Keep the key
          </Button>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {pending ? "Revoking…" : "Revoke key"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
