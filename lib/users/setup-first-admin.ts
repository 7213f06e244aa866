import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import { createHash, timingSafeEqual } from "node:crypto";
import { newUserInput, type CreatedUser, type NewUserInput } from "./create-user";

const SETUP_LOCK = 254_001;

export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

function sameToken(expected: string, presented: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/**
 * First run: creates the first administrator, only while there are no users at all, and
 * only for someone holding the one-time set-up token the launcher printed at start
 * (`expectedToken`; scripts/start.ts): whoever reaches /setup first on a network would
 * otherwise become administrator. Every attempt is audited.
 * Two set-up forms submitted at once must not both win: an advisory lock held for the
 * transaction makes the "no users yet" check and the insert one step.
 */
export async function setupFirstAdmin(options: {
  db: Db;
  input: Omit<NewUserInput, "role">;
  setupToken: string | undefined;
  expectedToken: string | undefined;
  address?: string | null;
}): Promise<CreatedUser> {
  const from = `from ${options.address ?? "unknown address"}`;
  const refuse = async (detail: string, error: AppError) => {
    await recordAudit(options.db, { actor: null, action: "setup.first-admin", outcome: "denied", detail: `${detail} ${from}` });
    return error;
  };
  if (!options.expectedToken) {
    throw await refuse(
      "no set-up token configured",
      new AppError("unavailable", "Set-up needs the one-time token that `npm start` prints; this console was started without one. Start it with `npm start` (or set CONSOLE_SETUP_TOKEN)."),
    );
  }
  if (!options.setupToken || !sameToken(options.expectedToken, options.setupToken.trim())) {
    throw await refuse(
      "wrong set-up token",
      new AppError("forbidden", "That is not this console's set-up token. Copy it from the output of `npm start` (it is also in the data directory's setup-token file).", {
        fieldErrors: { setupToken: ["Not this console's set-up token"] },
      }),
    );
  }
  const input = validate(newUserInput, { ...options.input, role: "admin" }, "Invalid administrator");
  const passwordHash = await hashPassword(input.password);
  const created = await options.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) return null;
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
      detail: from,
    });
    return user;
  });
  if (!created) {
    throw await refuse("already set up", new AppError("conflict", "The console is already set up. Sign in, or ask an administrator for an account."));
  }
  return created;
}
