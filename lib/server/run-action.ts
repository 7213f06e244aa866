import "server-only";
import { observeRequest } from "@/lib/observability/metrics";
import { toPublicError, type PublicError } from "./report-error";

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: PublicError };

/** What every server action shares: a result value instead of a throw, and its metrics. */
export async function runAction<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  const started = performance.now();
  let status = 200;
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    const mapped = toPublicError(error, `action ${name}`);
    status = mapped.status;
    return { ok: false, error: mapped.error };
  } finally {
    observeRequest(`action:${name}`, "POST", status, (performance.now() - started) / 1000);
  }
}
