"use client";

import { useState, useTransition, type FormEvent } from "react";
import { createApiKeyAction } from "@/app/(console)/admin/actions";
import { CopyCommand } from "@/components/runbooks/copy-command";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

export function CreateApiKeyForm() {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createApiKeyAction({ name, role });
      if (result.ok) {
        setCreated(result.value);
        setName("");
      } else {
        setError(result.error.message);
      }
    });
  };

  return (
    <div className="space-y-3">
      {created ? (
        <Banner tone="ok" title={`API key "${created.name}" created. Copy it now: it is never shown again.`}>
          <div className="mt-2 flex items-center gap-2 rounded bg-surface-sunken p-2">
            <code className="flex-1 break-all font-mono text-xs text-fg" data-testid="new-api-key">
              {created.key}
            </code>
            <CopyCommand command={created.key} />
          </div>
        </Banner>
      ) : null}
      {error ? <Banner tone="fail" title={error} /> : null}
      <form onSubmit={submit} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]" aria-label="Create API key" noValidate>
        <Field label="Key name" name="keyName" required value={name} onChange={(e) => setName(e.target.value)} hint="Who uses it, e.g. grafana-annotations" />
        <SelectField label="Key role" name="keyRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
