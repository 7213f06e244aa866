import type { z } from "zod";
import { redact, type ConnectorError, type ConnectorResult } from "@/lib/connectors/result";
import type { CheckContext, CheckDefinition, CheckResult } from "./types";

/** Declares a check (keeps the parameter and data types tied together). */
export function defineCheck<P extends z.ZodType, D>(definition: CheckDefinition<P, D>): CheckDefinition<P, D> {
  return definition;
}

/** The verdict for a connector that failed: `error` (or `skipped` when not configured), with the kind in the summary. */
export function connectorFailure(error: ConnectorError): { verdict: "error" | "skipped"; summary: string; data: null; error: ConnectorError } {
  if (error.kind === "not_configured") return { verdict: "skipped", summary: `not configured: ${error.message}`, data: null, error };
  return { verdict: "error", summary: `${error.kind.replace("_", " ")}: ${error.message}`, data: null, error };
}

/** Unwraps a connector result or returns the failure verdict: `const pods = unwrap(await listPods(…)); if ("verdict" in pods) return pods;` */
export function unwrap<T>(result: ConnectorResult<T>): { value: T } | ReturnType<typeof connectorFailure> {
  return result.ok ? { value: result.value } : connectorFailure(result.error);
}

/**
 * Runs a check: validates its parameters (bad input is an `error` verdict naming the
 * field), times it, and turns an unexpected throw into an `error` verdict instead of a crash.
 */
export async function runCheck<P extends z.ZodType, D>(check: CheckDefinition<P, D>, context: CheckContext, rawParams: unknown = {}): Promise<CheckResult<D>> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  const parsed = check.params.safeParse(rawParams ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join(".") || "parameters"}: ${issue?.message ?? "invalid"}`;
    return { verdict: "error", summary: `bad parameters: ${message}`, data: null, error: { kind: "bad_response", message }, ms: 0, checkedAt };
  }
  try {
    const outcome = await check.run(context, parsed.data);
    return { ...outcome, ms: Math.round(performance.now() - started), checkedAt };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { verdict: "error", summary: `check failed: ${redact(message)}`, data: null, error: { kind: "bad_response", message: redact(message) }, ms: Math.round(performance.now() - started), checkedAt };
  }
}
