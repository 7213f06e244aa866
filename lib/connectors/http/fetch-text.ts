import { failure, withDeadline, type ConnectorResult } from "../result";

export interface TextResponse {
  status: number;
  body: string;
  /** The body was longer than maxBytes and was cut there. */
  truncated: boolean;
}

/**
 * GET a URL with a deadline and a size limit (a 5 MB line or an endless stream must not
 * exhaust the console). HTTP 401/403 → unauthorized, 404 → not_found, other non-2xx →
 * bad_response, unless `anyStatus` (the caller only asks whether something answers, e.g.
 * Jaeger's collector port, whose `/` is a 404). Connections are pooled by Node's fetch
 * (keep-alive per origin), so a warm sweep does not reconnect.
 */
export async function fetchText(
  url: string,
  options: { deadlineMs: number; maxBytes?: number; headers?: Record<string, string>; anyStatus?: boolean },
): Promise<ConnectorResult<TextResponse>> {
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const result = await withDeadline(options.deadlineMs, async (signal) => {
    const response = await fetch(url, { headers: options.headers, signal, redirect: "manual", cache: "no-store" });
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    let truncated = false;
    if (reader) {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (size + value.byteLength > maxBytes) {
          chunks.push(value.subarray(0, maxBytes - size));
          truncated = true;
          await reader.cancel();
          break;
        }
        chunks.push(value);
        size += value.byteLength;
      }
    }
    return { status: response.status, body: new TextDecoder().decode(Buffer.concat(chunks)), truncated };
  });
  if (!result.ok) return result;
  const { status } = result.value;
  if (options.anyStatus) return result;
  if (status === 401 || status === 403) return failure("unauthorized", `HTTP ${status}`, result.ms);
  if (status === 404) return failure("not_found", `HTTP 404`, result.ms);
  if (status < 200 || status >= 300) return failure("bad_response", `HTTP ${status}`, result.ms);
  return result;
}
