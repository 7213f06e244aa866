import { z } from "zod";

/**
 * Timeline entries have bigint ids (PostgreSQL int8). Text from a URL or a form becomes one
 * only through this schema: a number beyond int8 would otherwise reach the database and fail
 * there as a 500 instead of a clear 400.
 */
const MAX_INT8 = 9_223_372_036_854_775_807n;

export const timelineEntryId = (message: string) =>
  z
    .string()
    .regex(/^\d{1,19}$/, { message })
    // zod runs a refinement even after the regex failed: BigInt("x") would throw (a 500).
    .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_INT8, { message });

/** The incident list's keyset cursor "<createdAt ISO>_<id>", with a date that exists. */
export const incidentCursor = z
  .string()
  .regex(/^[0-9T:.\-Z]+_[a-z0-9]+$/, { message: "must be the `next` value of a previous page" })
  .refine((value) => !Number.isNaN(new Date(value.split("_")[0]!).getTime()), { message: "must be the `next` value of a previous page (its date is not a date)" });
