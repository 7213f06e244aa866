import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/roles";
import { generateApiKey } from "./api-key-format";

export const newApiKeyInput = z.object({
  name: z.string().trim().min(1, { message: "Give the key a name, for example grafana-annotations" }).max(80),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(options: {
  db: Db;
  actor: Actor;
  input: z.input<typeof newApiKeyInput>;
}): Promise<{ id: string; key: string; name: string; role: string; expiresAt: Date | null }> {
  const input = validate(newApiKeyInput, options.input, "Invalid API key");
  const { name, role, expiresInDays } = input;
  const { key, prefix, secretHash } = generateApiKey();
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const created = await options.db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        name,
        role,
        prefix,
        secretHash,
        expiresAt,
        createdById: options.actor.kind === "user" ? options.actor.id : null,
      },
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: "api-key.create",
      outcome: "ok",
      targetType: "api-key",
      targetId: row.id,
      after: { name, role, prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { id: created.id, key, name, role, expiresAt };
}
