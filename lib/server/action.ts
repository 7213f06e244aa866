import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-actor";
import { can, lowestRoleWith, ROLE_LABELS, type Permission } from "@/lib/auth/roles";
import { observeRequest } from "@/lib/observability/metrics";
import { toPublicError, type PublicError } from "./report-error";

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: PublicError };

/**
 * Every server action goes through here: session, role check on the server, zod input,
 * error mapping, metrics. No action reads the session by hand. A refused attempt is audited.
 */
export function action<Schema extends z.ZodType, T>(
  options: { name: string; permission: Permission; input: Schema },
  handler: (context: { actor: Actor; db: Db; input: z.output<Schema> }) => Promise<T>,
): (input: z.input<Schema>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const started = performance.now();
    let status = 200;
    try {
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
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Some fields are not valid.", {
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        });
      }
      return { ok: true, value: await handler({ actor, db, input: parsed.data }) };
    } catch (error) {
      const mapped = toPublicError(error, `action ${options.name}`);
      status = mapped.status;
      return { ok: false, error: mapped.error };
    } finally {
      observeRequest(`action:${options.name}`, "POST", status, (performance.now() - started) / 1000);
    }
  };
}
