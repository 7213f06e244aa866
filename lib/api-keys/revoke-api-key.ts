import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";

export async function revokeApiKey(options: { db: Db; actor: Actor; id: string }): Promise<void> {
  await options.db.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id: options.id } });
    if (!row) throw new AppError("not_found", "No such API key.");
    if (row.revokedAt) return;
    await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor: options.actor,
      action: "api-key.revoke",
      outcome: "ok",
      targetType: "api-key",
      targetId: row.id,
      before: { name: row.name, revokedAt: null },
      after: { name: row.name, revokedAt: new Date().toISOString() },
    });
  });
}
