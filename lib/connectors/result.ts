/**
 * What every connector call returns: a value, or an error of a known kind, with how long it
 * took. Connectors never throw across this boundary; a panel shows `error.kind` and the
 * message, which never contains a secret.
 */
export type ConnectorErrorKind = "not_configured" | "unreachable" | "timeout" | "unauthorized" | "bad_response" | "not_found";

export interface ConnectorError {
  kind: ConnectorErrorKind;
  message: string;
}

export type ConnectorResult<T> = { ok: true; value: T; ms: number } | { ok: false; error: ConnectorError; ms: number };

export function failure(kind: ConnectorErrorKind, message: string, ms = 0): ConnectorResult<never> {
  return { ok: false, error: { kind, message }, ms };
}

/**
 * Runs `task` with a deadline. The task receives an AbortSignal that fires at the deadline
 * (clients that accept one stop their I/O); the result is `timeout` at the deadline even if
 * the client ignores the signal, so one hung backend never holds a caller past it.
 */
export async function withDeadline<T>(
  deadlineMs: number,
  task: (signal: AbortSignal) => Promise<T>,
  classify: (error: unknown) => ConnectorError = classifyError,
): Promise<ConnectorResult<T>> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error("deadline"));
      resolve("timeout");
    }, deadlineMs);
  });
  try {
    const outcome = await Promise.race([task(controller.signal), deadline]);
    const ms = performance.now() - started;
    if (outcome === "timeout" && controller.signal.aborted) return failure("timeout", `no answer within ${deadlineMs} ms`, ms);
    return { ok: true, value: outcome as T, ms };
  } catch (error) {
    const ms = performance.now() - started;
    if (controller.signal.aborted) return failure("timeout", `no answer within ${deadlineMs} ms`, ms);
    return { ok: false, error: classify(error), ms };
  } finally {
    clearTimeout(timer);
  }
}

/** Network errors by their codes; anything else is a bad response. Messages carry no URLs with credentials. */
export function classifyError(error: unknown): ConnectorError {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"].includes(code)) {
        return { kind: "unreachable", message: `connection failed (${code})` };
      }
      if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return { kind: "timeout", message: `connection timed out (${code})` };
    }
    current = (current as { cause?: unknown }).cause;
  }
  // "fetch failed" says nothing: add the innermost cause ("bad port", "invalid certificate"…).
  let message = error instanceof Error ? error.message : String(error);
  let cause = (error as { cause?: unknown } | null)?.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (!(cause as { cause?: unknown }).cause) message = `${message}: ${cause.message}`;
    cause = (cause as { cause?: unknown }).cause;
  }
  return { kind: "bad_response", message: redact(message) };
}

/** Removes credentials from URLs and obvious secrets from a message before anyone sees it. */
export function redact(message: string): string {
  return message
    .replace(URL_CREDENTIALS, "$1***:***@")
    .replace(AUTH_SCHEME, "$1 ***")
    .replace(/(password|passwd|token|secret|authorization)(["'\s:=]+)(?!bearer\b|basic\b)[^\s"',;]+/gi, "$1$2***")
    .slice(0, 500);
}

const URL_CREDENTIALS = /(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g;
const AUTH_SCHEME = /(bearer|basic)\s+[^\s"',;]+/gi;

/**
 * For text shown whole (log lines): credentials in URLs, Authorization values and
 * `password=…` / `api_key: …` pairs become `***`. Stricter than redact() about what a
 * secret looks like (a "token bucket" in a rate limiter's log stays readable), and uncut.
 */
export function redactLogLine(line: string): string {
  return line
    .replace(URL_CREDENTIALS, "$1***:***@")
    .replace(AUTH_SCHEME, "$1 ***")
    .replace(/\b(password|passwd|token|secret|api[_-]?key|authorization)(\s*[=:]\s*["']?)(?!bearer\b|basic\b|\*\*\*)[^\s"',;}]+/gi, "$1$2***");
}
