import { createHash } from "node:crypto";
import { z } from "zod";
import { OPERATION_KINDS, type OperationKind } from "./types";

/**
 * The body of `POST /api/v1/incidents/:id/operations` (and of a diagnosis step of kind
 * operation): a preview with `dryRun: true`, an execution with the typed `confirm` and an
 * idempotency key. Pure.
 */
export const operationRequest = z
  .object({
    kind: z.enum(OPERATION_KINDS),
    target: z.string().min(1).max(300),
    params: z.record(z.string(), z.unknown()).default({}),
    dryRun: z.boolean().optional(),
    confirm: z.string().max(300).optional(),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{8,200}$/, { message: "must be 8–200 letters, digits or _.:-" }).optional(),
    /** the operation this one undoes (from its `undo` suggestion) */
    undoOf: z.string().max(100).optional(),
  })
  .strict()
  .refine((body) => body.dryRun === true || body.confirm !== undefined, { message: 'send "dryRun": true for a preview, or "confirm" with the object\'s name to execute', path: ["confirm"] })
  .refine((body) => body.dryRun === true || body.idempotencyKey !== undefined, { message: "an execution needs an idempotencyKey (the preview suggests one)", path: ["idempotencyKey"] });
export type OperationRequest = z.output<typeof operationRequest>;

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The idempotency key a preview suggests: the same incident, operation, target, parameters
 * and version of the object give the same key, so two responders who previewed the same
 * state and both confirm execute it once; after it ran the object's version moves on and
 * a new preview gives a new key.
 */
export function suggestedKey(input: { incidentId: string; kind: OperationKind; target: string; params: Record<string, unknown>; version: string }): string {
  const digest = createHash("sha256").update(stable([input.incidentId, input.kind, input.target, input.params, input.version])).digest("base64url");
  return `op_${digest.slice(0, 32)}`;
}
