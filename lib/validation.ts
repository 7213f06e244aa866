import { z } from "zod";
import { AppError } from "./errors";

/**
 * Parses input with a zod schema or throws a `bad_request` AppError carrying the first
 * problem as the message and every field's problems, so forms can show them in place.
 */
export function validate<Schema extends z.ZodType>(schema: Schema, raw: unknown, fallback = "Some fields are not valid."): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("bad_request", parsed.error.issues[0]?.message ?? fallback, {
    fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
  });
}
