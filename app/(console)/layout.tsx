import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { DatabaseDown } from "@/components/status/database-down";
import { DatabaseDownOverview } from "@/components/status/database-down-overview";
import { currentUser, sessionViewerWhileDatabaseDown } from "@/lib/auth/current-actor";
import { isDatabaseUnavailable } from "@/lib/errors";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  let user;
  try {
    user = await currentUser();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // Without its database the console can still show live health to someone signed in, read-only.
    const viewer = await sessionViewerWhileDatabaseDown();
    if (!viewer) return <DatabaseDown />;
    return (
      <AppShell user={viewer}>
        <DatabaseDownOverview />
      </AppShell>
    );
  }
  if (!user) redirect("/signin");
  return <AppShell user={user}>{children}</AppShell>;
}
