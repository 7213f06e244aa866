import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { burnVerifyTime, verifyPassword } from "./passwords";
import { admitAttempt, releaseAttempt, subjectsFor } from "./throttle";
import type { Role } from "./roles";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; role: Role } }
  | { ok: false; reason: "invalid" | "throttled"; retryAt?: Date };

/**
 * Checks an email and password. The answer for an unknown account, a wrong password and a
 * disabled account is the same ("invalid"), and takes the same time, so it reveals nothing.
 */
export async function signInWithPassword(options: {
  db: Db;
  email: string;
  password: string;
  address: string | null;
}): Promise<SignInResult> {
  const { db, password, address } = options;
  const email = options.email.trim().toLowerCase();
  const subjects = subjectsFor(email, address);

  // The attempt is counted as a failure before the password is checked (see admitAttempt):
  // otherwise N parallel guesses would all pass the check before any failure was written.
  const admission = await admitAttempt(db, subjects);
  if (!admission.admitted) {
    await recordAudit(db, {
      actor: null,
      action: "auth.sign-in",
      outcome: "denied",
      detail: `throttled: ${email} from ${address ?? "unknown address"}`,
    });
    return { ok: false, reason: "throttled", retryAt: admission.lockedUntil };
  }

  const user = await db.user.findUnique({ where: { email } });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnVerifyTime(password), false);

  if (!user || !valid || user.disabledAt) {
    await recordAudit(db, {
      actor: null,
      action: "auth.sign-in",
      outcome: "denied",
      detail: `wrong credentials for ${email} from ${address ?? "unknown address"}`,
    });
    return { ok: false, reason: "invalid" };
  }

  await releaseAttempt(db, admission.reservation);
  await recordAudit(db, {
    actor: { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role },
    action: "auth.sign-in",
    outcome: "ok",
    detail: `from ${address ?? "unknown address"}`,
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
