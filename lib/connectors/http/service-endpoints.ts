import { failure, type ConnectorResult } from "../result";
import { fetchText } from "./fetch-text";
import { parsePrometheusText, type ParsedExposition } from "./prometheus-text";

/**
 * A service's own endpoints: `/health` (runbook: `curl http://<service>:8080/health`) and
 * `/metrics` (runbook: `curl http://<service>:9090/metrics | grep …`).
 */
export interface HealthAnswer {
  httpStatus: number;
  /** The JSON body when there is one (truncated bodies are not parsed). */
  body: Record<string, unknown> | null;
  text: string;
}

/**
 * GET /health. A non-2xx answer is a failure (`bad_response`, `unauthorized`, `not_found`)
 * unless `anyStatus`, with which a 503 and its body come back as an answer to judge.
 */
export async function probeHealth(url: string, deadlineMs: number, options: { anyStatus?: boolean } = {}): Promise<ConnectorResult<HealthAnswer>> {
  const response = await fetchText(url, { deadlineMs, maxBytes: 64 * 1024, anyStatus: options.anyStatus });
  if (!response.ok) return response;
  const { status, body, truncated } = response.value;
  let json: Record<string, unknown> | null = null;
  if (!truncated) {
    try {
      const parsed: unknown = JSON.parse(body);
      json = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
  }
  return { ok: true, value: { httpStatus: status, body: json, text: body.slice(0, 2_000) }, ms: response.ms };
}

export async function scrapeMetrics(url: string, deadlineMs: number): Promise<ConnectorResult<ParsedExposition & { truncated: boolean }>> {
  const response = await fetchText(url, { deadlineMs, maxBytes: 8 * 1024 * 1024 });
  if (!response.ok) return response;
  const parsed = parsePrometheusText(response.value.body);
  if (parsed.samples.length === 0 && parsed.problems.length > 0) {
    return failure("bad_response", `not Prometheus text (first problem on line ${parsed.problems[0]!.line})`, response.ms);
  }
  return { ok: true, value: { ...parsed, truncated: response.value.truncated }, ms: response.ms };
}
