"use client";

import { useState, useTransition } from "react";
import { changeUserRoleAction, resetPasswordAction, setUserDisabledAction } from "@/app/(console)/admin/actions";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

/**
 * A user's row controls: role, disable/enable, new password. Each change applies at the
 * person's next request (sessions and API keys are checked against the database each time).
 */
export function UserActions({ email, role, disabled }: { email: string; role: Role; disabled: boolean }) {
  const [message, setMessage] = useState<{ tone: "ok" | "fail"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: true; text: string } | { ok: false; text: string }>) =>
    startTransition(async () => {
      const outcome = await work();
      setMessage({ tone: outcome.ok ? "ok" : "fail", text: outcome.text });
    });

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <select
        aria-label={`Role of ${email}`}
        value={role}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value as Role;
          run(async () => {
            const result = await changeUserRoleAction({ email, role: next });
            return result.ok ? { ok: true, text: `${email} is now ${ROLE_LABELS[next]}.` } : { ok: false, text: result.error.message };
          });
        }}
        className="rounded-md border border-border bg-surface-raised px-2 py-1 text-sm"
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </select>
      <Button
        variant={disabled ? "secondary" : "danger"}
        disabled={pending}
        aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}
        onClick={() =>
          run(async () => {
            const result = await setUserDisabledAction({ email, disabled: !disabled });
            if (!result.ok) return { ok: false, text: result.error.message };
            return { ok: true, text: disabled ? `${email} can sign in again.` : `${email} is disabled: signed out and their API keys refused from their next request.` };
          })
        }
      >
        {disabled ? "Enable" : "Disable"}
      </Button>
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={`New password for ${email}`}
        onClick={() =>
          run(async () => {
            const result = await resetPasswordAction({ email });
            return result.ok ? { ok: true, text: `New password for ${email} (shown once): ${result.value.password}` } : { ok: false, text: result.error.message };
          })
        }
      >
        New password
      </Button>
      {message ? (
        <p role="status" className={`w-full text-right text-sm ${message.tone === "ok" ? "text-fg-muted" : "text-fail"}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
