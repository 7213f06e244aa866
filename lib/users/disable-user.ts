import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { lockUserForChange } from "./user-guards";

/**
 * Cuts a person off (or lets them back in). Takes effect at their next request: every
 * request loads the user from the database (lib/auth/current-actor.ts), and API keys they
 * created stop authenticating while they are disabled (lib/api-keys/authenticate-api-key.ts).
 */
export async function setUserDisabled(options: { db: Db; actor: Actor; email: string; disabled: boolean }): Promise<{ email: string; disabled: boolean }> {
  const { db, actor, disabled } = options;
  return db.$transaction(async (tx) => {
    const user = await lockUserForChange(tx, options.email);
    if (disabled && actor.kind === "user" && actor.id === user.id) {
      throw new AppError("conflict", "You cannot disable your own account; ask another administrator.");
    }
    if (disabled && user.role === "admin" && !user.disabledAt && (await tx.user.count({ where: { role: "admin", disabledAt: null } })) <= 1) {
      throw new AppError("conflict", `${user.email} is the last active administrator; make someone else administrator first.`);
    }
    if (Boolean(user.disabledAt) === disabled) return { email: user.email, disabled };
    const disabledAt = disabled ? new Date() : null;
    await tx.user.update({ where: { id: user.id }, data: { disabledAt } });
    await recordAudit(tx, {
      actor,
      action: disabled ? "user.disable" : "user.enable",
      outcome: "ok",
      targetType: "user",
      targetId: user.id,
      before: { email: user.email, disabledAt: user.disabledAt?.toISOString() ?? null },
      after: { email: user.email, disabledAt: disabledAt?.toISOString() ?? null },
    });
    return { email: user.email, disabled };
  });
}
