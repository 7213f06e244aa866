import { failure, type ConnectorResult } from "../result";
import { fetchText } from "./fetch-text";

/**
 * GET a JSON API (Prometheus, Grafana, Elasticsearch, Jaeger's admin port) with a deadline
 * and a size limit. A body that is not JSON, or was cut at the limit, is a bad response; the
 * caller validates the shape it expects (zod) and never trusts it further.
 */
export async function fetchJson(
  url: string,
  options: { deadlineMs: number; maxBytes?: number; headers?: Record<string, string> },
): Promise<ConnectorResult<unknown>> {
  const response = await fetchText(url, { ...options, headers: { accept: "application/json", ...options.headers } });
  if (!response.ok) return response;
  if (response.value.truncated) return failure("bad_response", `answer larger than ${options.maxBytes ?? 2 * 1024 * 1024} bytes`, response.ms);
  try {
    return { ok: true, value: JSON.parse(response.value.body) as unknown, ms: response.ms };
  } catch {
    return failure("bad_response", "answer is not JSON", response.ms);
  }
}
