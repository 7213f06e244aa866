import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { burnVerifyTime, verifyPassword } from "./passwords";
import { admitAttempt, LOCK_MS, releaseAttempt, subjectsFor } from "./throttle";

/** RFC 5321's limit for an address; no passphrase needs more than this many characters. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;
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
  // Longer input cannot belong to an account: refuse it before any database row or argon2
  // work, so it costs the console nothing and leaves nothing to store.
  if (email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: "invalid" };
  const subjects = subjectsFor(email, address);

  // The attempt is counted as a failure before the password is checked (see admitAttempt):
  // otherwise N parallel guesses would all pass the check before any failure was written.
  const admission = await admitAttempt(db, subjects);
  if (!admission.admitted) {
    // One audit row per lock, not per refused attempt: a locked subject being hammered would
    // otherwise grow the append-only audit log without bound. Failures before a lock are
    // bounded by the throttle itself (10 a minute per account and per address).
    const alreadyAudited = await db.auditLog.findFirst({
      where: {
        action: "auth.sign-in",
        outcome: "denied",
        targetType: "sign-in-subject",
        targetId: admission.lockedSubject,
        at: { gte: new Date(admission.lockedUntil.getTime() - LOCK_MS) },
      },
      select: { id: true },
    });
    if (!alreadyAudited) {
      await recordAudit(db, {
        actor: null,
        action: "auth.sign-in",
        outcome: "denied",
        targetType: "sign-in-subject",
        targetId: admission.lockedSubject,
        detail: `throttled: ${email} from ${address ?? "unknown address"}; ${admission.lockedSubject} locked until ${admission.lockedUntil.toISOString()} (further attempts during this lock are refused without an audit row each)`,
      });
    }
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
