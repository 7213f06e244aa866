import "server-only";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { parseApiKey, secretMatches } from "./api-key-format";

/** The actor behind a Bearer key, or null for a malformed, unknown, revoked or expired key, or one whose creator is disabled. */
export async function authenticateApiKey(db: Db, key: string, now = new Date()): Promise<Actor | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const row = await db.apiKey.findUnique({ where: { prefix: parsed.prefix }, include: { createdBy: { select: { disabledAt: true } } } });
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // A disabled person's keys stop with them (keys made from the CLI have no creator).
  if (row.createdBy?.disabledAt) return null;
  // lastUsedAt is a hint for administrators; at most one write a minute per key.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: "api-key", id: row.id, name: row.name, role: row.role };
}
