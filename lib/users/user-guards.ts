import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

/**
 * The user named by email, its row locked for the rest of the transaction. Account changes
 * lock the row and then count the active administrators: two administrators demoting or
 * disabling each other at once must not leave the console with none.
 */
export async function lockUserForChange(tx: Prisma.TransactionClient, email: string) {
  const normalized = email.trim().toLowerCase();
  // Every admin row is locked, in id order, so concurrent "last administrator" checks queue.
  await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE email = ${normalized} FOR UPDATE`;
  if (!rows[0]) throw new AppError("not_found", `No user with the email ${normalized}.`);
  return tx.user.findUniqueOrThrow({ where: { id: rows[0].id } });
}
