import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-actor";
import { can, lowestRoleWith, ROLE_LABELS, type Permission } from "@/lib/auth/roles";
import { runAction, type ActionResult } from "./run-action";

export type { ActionResult } from "./run-action";

/**
 * Every server action goes through here: session, role check on the server, zod input,
 * error mapping, metrics. No action reads the session by hand. A refused attempt is audited.
 */
export function action<Schema extends z.ZodType, T>(
  options: { name: string; permission: Permission; input: Schema },
  handler: (context: { actor: Actor; db: Db; input: z.output<Schema> }) => Promise<T>,
): (input: z.input<Schema>) => Promise<ActionResult<T>> {
  return (raw) =>
    runAction(options.name, async () => {
      const actor = await currentUser();
      if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again; what you typed is still here.");
      const db = getDb();
      if (!can(actor.role, options.permission)) {
        await recordAudit(db, { actor, action: options.name, outcome: "denied", detail: `needs ${options.permission}` });
        throw new AppError(
          "forbidden",
          `Your role (${ROLE_LABELS[actor.role]}) cannot do this; it needs ${ROLE_LABELS[lowestRoleWith(options.permission)]} or above.`,
        );
      }
      return handler({ actor, db, input: validate(options.input, raw) });
    });
}
