import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Banner } from "@/components/ui/banner";
import { ssoProviderName } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/errors";
import { needsSetup } from "@/lib/users/setup-first-admin";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  let databaseDown = false;
  try {
    if (await needsSetup(getDb())) redirect("/setup");
  } catch (failure) {
    if (!isDatabaseUnavailable(failure)) throw failure;
    databaseDown = true;
  }
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6 py-12">
      <p className="text-sm font-bold tracking-tight">254Carbon</p>
      <h1 className="text-xl font-semibold">Incident Console</h1>
      <p className="mt-1 text-sm text-fg-muted">Sign in to see what is broken and who is on it.</p>
      {databaseDown ? (
        <div className="mt-6">
          <Banner tone="fail" title="The console's database is unreachable">
            Sign-in will work again when it is back; see /api/ready.
          </Banner>
        </div>
      ) : null}
      <div className="mt-6">
        <SignInForm callbackUrl={callbackUrl} initialError={error} ssoName={ssoProviderName()} />
      </div>
    </main>
  );
}
