import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, passwordProblem } from "@/lib/auth/passwords";

/**
 * Sets a new password for a local account: the one given, or a generated one that is
 * returned (to be shown once). Pending sign-in failures for the account are cleared, so the
 * person is not locked out by the guesses that may have prompted the reset.
 */
export async function resetPassword(options: { db: Db; actor: Actor; email: string; password?: string }): Promise<{ email: string; password: string; generated: boolean }> {
  const { db, actor } = options;
  const email = options.email.trim().toLowerCase();
  const generated = options.password === undefined;
  const password = options.password ?? randomBytes(12).toString("base64url");
  const problem = passwordProblem(password);
  if (problem) throw new AppError("bad_request", problem, { fieldErrors: { password: [problem] } });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw new AppError("not_found", `No user with the email ${email}.`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.signInFailure.deleteMany({ where: { subject: `account:${email}` } });
    await recordAudit(tx, { actor, action: "user.reset-password", outcome: "ok", targetType: "user", targetId: user.id, after: { email } });
  });
  return { email, password, generated };
}
