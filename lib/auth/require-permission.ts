import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { currentUser } from "./current-actor";
import { can, type Permission } from "./roles";

/** For pages: the signed-in user if their role has the permission; else sign-in or 403 (audited). */
export async function requirePagePermission(permission: Permission) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (!can(user.role, permission)) {
    await recordAudit(getDb(), { actor: user, action: "page.view", outcome: "denied", detail: `needs ${permission}` });
    forbidden();
  }
  return user;
}
