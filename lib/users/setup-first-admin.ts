import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import { newUserInput, type CreatedUser, type NewUserInput } from "./create-user";

const SETUP_LOCK = 254_001;

export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * First run: creates the first administrator, only while there are no users at all.
 * Two set-up forms submitted at once must not both win: an advisory lock held for the
 * transaction makes the "no users yet" check and the insert one step.
 */
export async function setupFirstAdmin(options: { db: Db; input: Omit<NewUserInput, "role"> }): Promise<CreatedUser> {
  const input = validate(newUserInput, { ...options.input, role: "admin" }, "Invalid administrator");
  const passwordHash = await hashPassword(input.password);
  return options.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("conflict", "The console is already set up. Sign in, or ask an administrator for an account.");
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: "admin", passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "setup.first-admin",
      outcome: "ok",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, role: user.role },
    });
    return user;
  });
}
