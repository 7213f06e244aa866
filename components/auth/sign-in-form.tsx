"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallbackPath } from "@/lib/auth/callback-url";

/** next-auth error codes (see SIGN_IN_ERRORS in lib/auth/options.ts) in words. */
function describe(error: string): string {
  switch (error) {
    case "CredentialsSignin":
      return "Wrong email or password.";
    case "Throttled":
      return "Too many failed attempts for this account or from this address. Wait a few minutes, then try again.";
    case "DatabaseUnavailable":
      return "Sign-in is unavailable: the console's database is unreachable. Try again when /api/ready reports ready.";
    case "AccessDenied":
      return "This account may not sign in. Ask an administrator.";
    case "SessionRequired":
      return "Sign in to continue.";
    default:
      return "Sign-in failed. Try again.";
  }
}

/** Only same-site paths: a pasted link must not send someone elsewhere after signing in. */
const safeCallback = (callbackUrl: string | undefined) => safeCallbackPath(callbackUrl, window.location.origin);

export function SignInForm({ callbackUrl, initialError, ssoName }: { callbackUrl?: string; initialError?: string; ssoName: string | null }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError ? describe(initialError) : null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await signIn("credentials", { redirect: false, email, password });
      if (result?.ok && !result.error) {
        router.push(safeCallback(callbackUrl));
        router.refresh();
      } else {
        setError(describe(result?.error ?? ""));
      }
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-4">
        {error ? <Banner tone="fail" title={error} /> : null}
        <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {ssoName ? (
        <Button variant="secondary" className="w-full" onClick={() => void signIn("oidc", { callbackUrl: safeCallback(callbackUrl) })}>
          Sign in with {ssoName}
        </Button>
      ) : null}
    </div>
  );
}
