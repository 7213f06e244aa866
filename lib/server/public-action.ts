import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { observeRequest } from "@/lib/observability/metrics";
import type { ActionResult } from "./action";
import { toPublicError } from "./report-error";

/**
 * The one kind of action that runs without a session: first-run set-up. Same input
 * validation and error mapping as `action()`; the use case itself decides whether it may run.
 */
export function publicAction<Schema extends z.ZodType, T>(
  options: { name: string; input: Schema },
  handler: (context: { db: Db; input: z.output<Schema> }) => Promise<T>,
): (input: z.input<Schema>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const started = performance.now();
    let status = 200;
    try {
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Some fields are not valid.", {
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        });
      }
      return { ok: true, value: await handler({ db: getDb(), input: parsed.data }) };
    } catch (error) {
      const mapped = toPublicError(error, `action ${options.name}`);
      status = mapped.status;
      return { ok: false, error: mapped.error };
    } finally {
      observeRequest(`action:${options.name}`, "POST", status, (performance.now() - started) / 1000);
    }
  };
}
