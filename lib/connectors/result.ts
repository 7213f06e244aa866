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
  return redactSecrets(message)
    .replace(/(password|passwd|token|secret|authorization)(["'\s:=]+)(?!bearer\b|basic\b|\*\*\*)[^\s"',;]+/gi, "$1$2***")
    .slice(0, 500);
}

/**
 * Credentials in URLs (`scheme://user:pw@`, `redis://:pw@`, passwords containing `@`: the
 * password runs to the last `@` before the host).
 */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@:]*:[^/\s]*@/gi;
const AUTH_SCHEME = /\b(bearer|basic)\s+(?!\*\*\*)[^\s"',;}]+/gi;
/**
 * An Authorization header or field, whatever its scheme (`Token abc`, `Digest …`, a bare key).
 * Already redacted (`Token ***`) stays as it is: redacting twice must not eat the scheme.
 */
const AUTHORIZATION =
  /(\bauthorization["']?\s*[=:]\s*["']?)(?!(?:(?:bearer|basic|token|digest|negotiate|apikey|api-key)\s+)?\*\*\*)(?:(bearer|basic|token|digest|negotiate|apikey|api-key)\s+)?[^\s"',;}]+/gi;
/**
 * `key=value`, `key: value`, JSON `"key": "value"` where the key names a secret, also inside
 * a longer name (`DB_PASSWORD`, `client_secret`, `X-Api-Key`). A quoted value is hidden up to
 * its closing quote, so a passphrase with spaces goes whole. Needs the `=`/`:` so that prose
 * ("token bucket refilled") stays readable. The name around the keyword is bounded (100
 * characters each side): unbounded, a long word of repeated keywords took time quadratic in
 * its length (a 64 KiB log line of "passwordpassword…" held the server for seconds).
 */
const SECRET_FIELD =
  /(["']?\b[\w.-]{0,100}?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[\w.-]{0,100}["']?\s*[=:]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|(?!\*\*\*)[^\s"',;}]+)/gi;

function redactSecrets(text: string): string {
  return text
    .replace(URL_CREDENTIALS, "$1***:***@")
    .replace(AUTHORIZATION, (_match, prefix: string, scheme: string | undefined) => `${prefix}${scheme ? `${scheme} ` : ""}***`)
    .replace(AUTH_SCHEME, "$1 ***")
    .replace(SECRET_FIELD, (_match, key: string, value: string) => `${key}${value.startsWith('"') ? '"***"' : value.startsWith("'") ? "'***'" : "***"}`);
}

/**
 * For text shown whole (log lines): credentials in URLs, Authorization values and secret
 * fields (see SECRET_FIELD) become `***`. Stricter than redact() about what a secret looks
 * like (a "token bucket" in a rate limiter's log stays readable), and uncut.
 */
export function redactLogLine(line: string): string {
  return redactSecrets(line);
}
