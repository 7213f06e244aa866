import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { validate } from "@/lib/validation";
import { runAction, type ActionResult } from "./run-action";

/**
 * The one kind of action that runs without a session: first-run set-up. Same input
 * validation and error mapping as `action()`; the use case itself decides whether it may run.
 */
export function publicAction<Schema extends z.ZodType, T>(
  options: { name: string; input: Schema },
  handler: (context: { db: Db; input: z.output<Schema> }) => Promise<T>,
): (input: z.input<Schema>) => Promise<ActionResult<T>> {
  return (raw) => runAction(options.name, async () => handler({ db: getDb(), input: validate(options.input, raw) }));
}
