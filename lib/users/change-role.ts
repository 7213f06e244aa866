import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { lockUserForChange } from "./user-guards";

/** Changes a person's role; it applies at their next request (roles are read from the database every time). */
export async function changeUserRole(options: { db: Db; actor: Actor; email: string; role: Role }): Promise<{ email: string; role: Role }> {
  const { db, actor, role } = options;
  return db.$transaction(async (tx) => {
    const user = await lockUserForChange(tx, options.email);
    if (user.role === role) return { email: user.email, role };
    if (user.role === "admin" && !user.disabledAt && (await tx.user.count({ where: { role: "admin", disabledAt: null } })) <= 1) {
      throw new AppError("conflict", `${user.email} is the last active administrator; make someone else administrator first.`);
    }
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit(tx, { actor, action: "user.change-role", outcome: "ok", targetType: "user", targetId: user.id, before: { email: user.email, role: user.role }, after: { email: user.email, role } });
    return { email: user.email, role };
  });
}
