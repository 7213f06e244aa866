"use client";

import { useState, useTransition, type FormEvent } from "react";
import { createUserAction } from "@/app/(console)/admin/actions";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

const EMPTY = { email: "", name: "", role: "l1" as Role, password: "" };

export function CreateUserForm() {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [outcome, setOutcome] = useState<{ tone: "ok" | "fail"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      const result = await createUserAction(form);
      if (result.ok) {
        setForm(EMPTY);
        setErrors({});
        setOutcome({ tone: "ok", text: `Created ${result.value.email} (${ROLE_LABELS[result.value.role]}). Give them the password you chose.` });
      } else {
        // The form keeps what was typed; only the messages change.
        setErrors(Object.fromEntries(Object.entries(result.error.fieldErrors ?? {}).map(([key, value]) => [key, value[0]])));
        setOutcome({ tone: "fail", text: result.error.message });
      }
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-label="Add user">
      {outcome ? <Banner tone={outcome.tone} title={outcome.text} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Email" name="email" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} error={errors.email} />
        <Field label="Name" name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} />
        <SelectField label="Role" name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} error={errors.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={errors.password}
          hint="At least 12 characters."
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
