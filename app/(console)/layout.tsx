import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { DatabaseDown } from "@/components/status/database-down";
import { currentUser } from "@/lib/auth/current-actor";
import { isDatabaseUnavailable } from "@/lib/errors";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  let user;
  try {
    user = await currentUser();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return <DatabaseDown />;
    throw error;
  }
  if (!user) redirect("/signin");
  return <AppShell user={user}>{children}</AppShell>;
}
