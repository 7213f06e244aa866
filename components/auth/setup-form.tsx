"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { setupAction } from "@/app/setup/actions";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function SetupForm() {
  const router = useRouter();
  const [form, setForm] = useState({ setupToken: "", email: "", name: "", password: "", confirm: "" });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const update = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (form.password !== form.confirm) {
      setErrors({ confirm: "The two passwords differ." });
      return;
    }
    startTransition(async () => {
      const result = await setupAction({ setupToken: form.setupToken, email: form.email, name: form.name, password: form.password });
      if (!result.ok) {
        setErrors(Object.fromEntries(Object.entries(result.error.fieldErrors ?? {}).map(([key, value]) => [key, value[0]])));
        setMessage(result.error.message);
        return;
      }
      const signedIn = await signIn("credentials", { redirect: false, email: form.email, password: form.password });
      if (signedIn?.ok) router.push("/");
      else router.push("/signin");
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {message ? <Banner tone="fail" title="The administrator was not created">{message}</Banner> : null}
      <Field
        label="Set-up token"
        name="setupToken"
        autoComplete="off"
        required
        value={form.setupToken}
        onChange={update("setupToken")}
        error={errors.setupToken}
        hint="Printed by npm start when the console started (also in the data directory's setup-token file)."
      />
      <Field label="Email" name="email" type="email" autoComplete="email" required value={form.email} onChange={update("email")} error={errors.email} />
      <Field label="Name" name="name" autoComplete="name" value={form.name} onChange={update("name")} error={errors.name} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        value={form.password}
        onChange={update("password")}
        error={errors.password}
        hint="At least 12 characters."
      />
      <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" required value={form.confirm} onChange={update("confirm")} error={errors.confirm} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating…" : "Create administrator"}
      </Button>
    </form>
  );
}
