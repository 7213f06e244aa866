import { z } from "zod";
import { apiUrl } from "../http/api-url";
import { fetchJson } from "../http/fetch-json";
import { fetchText } from "../http/fetch-text";
import { printable } from "@/lib/connectors/text";
import { failure, type ConnectorResult } from "../result";

/**
 * Grafana's HTTP API (https://grafana.com/docs/grafana/latest/developers/http_api/):
 * `GET /api/health` (no authentication) and `curl http://grafana:3000/api/datasources` with
 * a service account token (Bearer; the token is read from the variable the catalog names and
 * never appears in a message), plus each data source's own health test
 * (`GET /api/datasources/uid/:uid/health`, the UI's "Save & test").
 */
export interface GrafanaHealth {
  httpStatus: number;
  /** "ok" or "failing" (the database Grafana stores dashboards in) */
  database: string;
  version: string | null;
}

export interface DataSource {
  uid: string;
  name: string;
  type: string;
  url: string;
  isDefault: boolean;
}

export interface DataSourceTest {
  uid: string;
  /** "OK" or "ERROR" as Grafana says; null when the plugin has no health check */
  status: string | null;
  message: string;
}

const healthBody = z.object({ database: z.string(), version: z.string().optional(), commit: z.string().optional() });
const dataSources = z.array(z.object({ uid: z.string().default(""), name: z.string(), type: z.string(), url: z.string().default(""), isDefault: z.boolean().default(false) }).loose());
const testBody = z.object({ status: z.string().optional(), message: z.string().optional() }).loose();

/** Pure: /api/health's answer, e.g. {"commit":"087143285","database":"ok","version":"10.4.1"}; 503 with "failing" when its database is down. */
export function parseGrafanaHealth(body: unknown, httpStatus: number): GrafanaHealth | null {
  const parsed = healthBody.safeParse(body);
  return parsed.success ? { httpStatus, database: printable(parsed.data.database, 40), version: parsed.data.version ? printable(parsed.data.version, 40) : null } : null;
}

/** Pure: /api/datasources' answer (an array of data sources with uid, name, type, url, isDefault). */
export function parseDataSources(body: unknown): DataSource[] | null {
  const parsed = dataSources.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data.slice(0, 200).map((source) => ({
    uid: printable(source.uid, 60),
    name: printable(source.name, 120),
    type: printable(source.type, 60),
    url: printable(source.url.replace(/\/\/[^/@\s]+@/, "//***@"), 200),
    isDefault: source.isDefault,
  }));
}

/** Pure: a data source health test's answer, e.g. {"status":"OK","message":"Data source is working"}. */
export function parseDataSourceTest(uid: string, body: unknown): DataSourceTest {
  const parsed = testBody.safeParse(body);
  return { uid, status: parsed.success && parsed.data.status ? printable(parsed.data.status, 20) : null, message: parsed.success ? printable(parsed.data.message ?? "", 200) : "" };
}

export interface GrafanaTarget {
  url: string | undefined;
  /** the service account token, read by the caller from the variable the catalog names */
  token: string | undefined;
}

const notConfigured = () => failure("not_configured", "no Grafana URL (set GRAFANA_URL or systems.grafana.url)");

export async function grafanaHealth(url: string | undefined, deadlineMs: number): Promise<ConnectorResult<GrafanaHealth>> {
  if (!url) return notConfigured();
  const response = await fetchText(apiUrl(url, "api/health"), { deadlineMs, maxBytes: 64 * 1024, anyStatus: true });
  if (!response.ok) return response;
  let body: unknown = null;
  try {
    body = JSON.parse(response.value.body);
  } catch {
    body = null;
  }
  const health = parseGrafanaHealth(body, response.value.status);
  return health ? { ok: true, value: health, ms: response.ms } : failure("bad_response", `not Grafana's health answer (HTTP ${response.value.status})`, response.ms);
}

/** `curl http://grafana:3000/api/datasources` with the token. */
export async function listDataSources(target: GrafanaTarget, deadlineMs: number): Promise<ConnectorResult<DataSource[]>> {
  if (!target.url) return notConfigured();
  if (!target.token) return failure("not_configured", "no Grafana token (the variable systems.grafana.tokenEnv names is unset)");
  const response = await fetchJson(apiUrl(target.url, "api/datasources"), { deadlineMs, headers: { authorization: `Bearer ${target.token}` } });
  if (!response.ok) return response.error.kind === "unauthorized" ? failure("unauthorized", `Grafana refused the token (${response.error.message})`, response.ms) : response;
  const sources = parseDataSources(response.value);
  return sources ? { ok: true, value: sources, ms: response.ms } : failure("bad_response", "not a list of data sources", response.ms);
}

/** Each data source's health test, in parallel, within one deadline. */
export async function testDataSource(target: GrafanaTarget, uid: string, deadlineMs: number): Promise<ConnectorResult<DataSourceTest>> {
  if (!target.url) return notConfigured();
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(uid)) return failure("bad_response", "not a data source uid");
  const response = await fetchText(apiUrl(target.url, `api/datasources/uid/${uid}/health`), { deadlineMs, maxBytes: 64 * 1024, anyStatus: true, headers: target.token ? { authorization: `Bearer ${target.token}` } : {} });
  if (!response.ok) return response;
  if (response.value.status === 401 || response.value.status === 403) return failure("unauthorized", `HTTP ${response.value.status}`, response.ms);
  let body: unknown = null;
  try {
    body = JSON.parse(response.value.body);
  } catch {
    body = null;
  }
  return { ok: true, value: parseDataSourceTest(uid, body), ms: response.ms };
}
