import http from "node:http";
import https from "node:https";
import { ApiException, type KubeConfig } from "@kubernetes/client-node";
import type { KubeTarget } from "./kube-client";
import { streamAgent } from "./kube-call";

/**
 * The pod log endpoint (`GET /api/v1/namespaces/<ns>/pods/<pod>/log`) as a byte stream —
 * what `kubectl logs [-f] [--previous] [--tail] [--since]` reads. client-node's generated
 * call buffers the whole body and its Log class hides network errors; this request keeps
 * both under our control: the caller's AbortSignal, the shared agent, a stream we bound.
 */
export interface LogStreamQuery {
  namespace: string;
  pod: string;
  container: string;
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
  follow?: boolean;
}

export async function openLogStream(target: KubeTarget, config: KubeConfig, query: LogStreamQuery, signal: AbortSignal): Promise<http.IncomingMessage> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error("no current cluster");
  const url = new URL(`${cluster.server.replace(/\/+$/, "")}/api/v1/namespaces/${encodeURIComponent(query.namespace)}/pods/${encodeURIComponent(query.pod)}/log`);
  url.searchParams.set("container", query.container);
  if (query.tailLines !== undefined) url.searchParams.set("tailLines", String(query.tailLines));
  if (query.sinceSeconds !== undefined) url.searchParams.set("sinceSeconds", String(query.sinceSeconds));
  if (query.previous) url.searchParams.set("previous", "true");
  if (query.follow) url.searchParams.set("follow", "true");

  const options: https.RequestOptions & { auth?: string } = {};
  await config.applyToHTTPSOptions(options);
  const headers: http.OutgoingHttpHeaders = { ...((options.headers ?? {}) as http.OutgoingHttpHeaders), Accept: "application/json, */*" };
  if (options.auth) headers.Authorization = `Basic ${Buffer.from(options.auth).toString("base64")}`;
  const agent = url.protocol === "https:" ? streamAgent(target, options.agent) : undefined;
  const request = (url.protocol === "https:" ? https.request : http.request)(url, {
    method: "GET",
    headers,
    signal,
    ...(agent ? { agent } : { ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized, servername: options.servername }),
  });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.once("error", reject);
    request.end();
  });
  if (response.statusCode === 200) return response;
  // a Status object: read at most 64 KB of it
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    if (size < 65_536) chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= 65_536) break;
  }
  response.destroy();
  const text = Buffer.concat(chunks).toString("utf8").slice(0, 65_536);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  throw new ApiException(response.statusCode ?? 0, "log request failed", body, {});
}
