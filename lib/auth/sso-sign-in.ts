import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Role } from "./roles";

export interface SsoProfile {
  id: string;
  email?: string | null;
  name?: string | null;
  /** the provider's `email_verified` claim */
  emailVerified?: boolean;
}

/**
 * Single sign-on: the account is matched by email, so the provider must vouch for the email
 * (`email_verified`); otherwise anyone who can register that address at the provider would
 * sign in as the local account. First sign-in creates the account with `defaultRole`.
 * Every refusal is audited. Sets `profile.id` to the console's user id when admitted.
 */
export async function ssoSignIn(db: Db, profile: SsoProfile, defaultRole: Role): Promise<boolean> {
  const email = profile.email?.trim().toLowerCase();
  const refuse = async (detail: string) => {
    await recordAudit(db, { actor: null, action: "auth.sign-in", outcome: "denied", detail: `single sign-on: ${detail}` });
    return false;
  };
  if (!email) return refuse("the provider sent no email");
  if (!profile.emailVerified) return refuse(`${email} is not verified by the provider`);
  const existing = await db.user.findUnique({ where: { email } });
  if (existing?.disabledAt) return refuse(`${email} is disabled`);
  const row = existing ?? (await db.user.create({ data: { email, name: profile.name ?? null, role: defaultRole } }));
  await recordAudit(db, {
    actor: { kind: "user", id: row.id, email: row.email, name: row.name, role: row.role },
    action: existing ? "auth.sign-in" : "user.create-from-sso",
    outcome: "ok",
    detail: "single sign-on",
  });
  profile.id = row.id;
  return true;
}
