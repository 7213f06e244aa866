import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { DatabaseDown } from "@/components/status/database-down";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/errors";
import { needsSetup } from "@/lib/users/setup-first-admin";

export const metadata: Metadata = { title: "First-run set-up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  let open: boolean;
  try {
    open = await needsSetup(getDb());
  } catch (error) {
    if (isDatabaseUnavailable(error)) return <DatabaseDown />;
    throw error;
  }
  if (!open) redirect("/signin");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <h1 className="text-xl font-semibold">Set up the incident console</h1>
      <p className="mt-2 text-sm text-fg-muted">
        No accounts exist yet. Create the first administrator; they add the on-call engineers (L1–L3) from the Admin page
        or with <code className="font-mono">npm run cli -- user add</code>.
      </p>
      <div className="mt-6">
        <SetupForm />
      </div>
    </main>
  );
}
