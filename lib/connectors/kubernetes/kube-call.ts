import fs from "node:fs";
import https from "node:https";
import { ApiException, Observable, type ConfigurationOptions, type KubeConfig, type ObservableMiddleware } from "@kubernetes/client-node";
import type { Catalog } from "@/lib/config/catalog";
import { redact, withDeadline, type ConnectorError, type ConnectorResult } from "../result";
import { kubeConfig, kubeTarget, type KubeTarget } from "./kube-client";
import { boundedText } from "./text";

const printable = (text: string) => boundedText(text, 253);

/**
 * How every Kubernetes connector call is made: the kubeconfig loaded with a clear error
 * when it is missing or unreadable (not a stack trace), the deadline's AbortSignal and one
 * keep-alive TLS agent per kubeconfig put on each request (client-node 1.x creates a new
 * agent per request otherwise: a handshake per call), and errors classified into
 * ConnectorError kinds with messages that never carry credentials.
 */

/**
 * A kubeconfig that is missing (not_found), unreadable or naming no cluster (bad_response):
 * set but broken, so an error a responder sees (not "not configured", which is skipped).
 */
export class KubeSetupError extends Error {
  constructor(
    message: string,
    readonly kind: "not_found" | "bad_response" = "bad_response",
  ) {
    super(message);
    this.name = "KubeSetupError";
  }
}

/** The catalog's target, or a not_configured error saying what to set. */
export function catalogTarget(catalog: Pick<Catalog, "systems">): { ok: true; target: KubeTarget } | { ok: false; error: ConnectorError } {
  const target = kubeTarget(catalog.systems.kubernetes);
  if (!target) return { ok: false, error: { kind: "not_configured", message: "no kubeconfig (set KUBECONFIG or systems.kubernetes.kubeconfig)" } };
  return { ok: true, target };
}

/** The target's KubeConfig, checked: throws KubeSetupError naming the problem. */
export function loadKubeConfig(target: KubeTarget): KubeConfig {
  if (target.kubeconfig && !fs.existsSync(target.kubeconfig)) throw new KubeSetupError(`kubeconfig ${printable(target.kubeconfig)} does not exist`, "not_found");
  let config: KubeConfig;
  try {
    config = kubeConfig(target);
  } catch (error) {
    const what = target.inCluster ? "the in-cluster service account" : `kubeconfig ${printable(target.kubeconfig ?? "(default)")}`;
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new KubeSetupError(`${what} cannot be read: ${redact(printable(reason ?? "")).slice(0, 200)}`);
  }
  if (!config.getCurrentCluster()) {
    throw new KubeSetupError(`kubeconfig ${printable(target.kubeconfig ?? "(default)")} names no current cluster (context ${printable(target.context ?? (config.getCurrentContext() || "unset"))})`);
  }
  return config;
}

/** Something the call looked for does not exist (a Deployment without pods): not_found with this message. */
export class KubeNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KubeNotFoundError";
  }
}

const agents = new Map<string, https.Agent>();

/** One keep-alive agent per kubeconfig, built from the TLS options client-node put on the first request. */
function sharedAgent(target: KubeTarget, fresh: unknown): unknown {
  if (!(fresh instanceof https.Agent) || fresh.constructor !== https.Agent) return fresh; // proxies and plain http stay as they are
  const key = JSON.stringify(target);
  let agent = agents.get(key);
  if (!agent) {
    agent = new https.Agent({ ...(fresh as https.Agent & { options: https.AgentOptions }).options, keepAlive: true, maxSockets: 16 });
    agents.set(key, agent);
  }
  return agent;
}

/** Per-call options for the generated APIs: the deadline's signal and the shared agent. */
export function callOptions(target: KubeTarget, signal: AbortSignal): ConfigurationOptions<ObservableMiddleware> {
  const middleware: ObservableMiddleware = {
    pre(context) {
      context.setSignal(signal as Parameters<typeof context.setSignal>[0]);
      context.setAgent(sharedAgent(target, context.getAgent()) as Parameters<typeof context.setAgent>[0]);
      return new Observable(Promise.resolve(context));
    },
    post(context) {
      return new Observable(Promise.resolve(context));
    },
  };
  return { middleware: [middleware], middlewareMergeStrategy: "append" };
}

const streamAgents = new Map<string, https.Agent>();

/**
 * The agent for streamed logs: a pool of its own, never the shared one. A follow holds its
 * socket for as long as someone watches; on the shared agent (16 sockets) a few open tabs
 * would leave the health probes queueing for a socket. The service layer caps follows
 * (lib/health/log-follows.ts) well below this pool's size.
 */
export function streamAgent(target: KubeTarget, fresh: unknown): https.Agent | undefined {
  if (!(fresh instanceof https.Agent) || fresh.constructor !== https.Agent) return undefined;
  const key = JSON.stringify(target);
  let agent = streamAgents.get(key);
  if (!agent) {
    agent = new https.Agent({ ...(fresh as https.Agent & { options: https.AgentOptions }).options, keepAlive: false, maxSockets: 32 });
    streamAgents.set(key, agent);
  }
  return agent;
}

const NETWORK = ["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ECONNABORTED"];

/** An error of a Kubernetes call as a ConnectorError; `what` names the object for 404s ("pod kafka-0"). */
export function classifyKubeError(error: unknown, what = "object"): ConnectorError {
  if (error instanceof KubeSetupError) return { kind: error.kind, message: error.message };
  if (error instanceof KubeNotFoundError) return { kind: "not_found", message: error.message };
  const status = error instanceof ApiException ? error.code : (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === "number") {
    if (status === 401) return { kind: "unauthorized", message: "the API server refused the credentials (HTTP 401)" };
    if (status === 403) return { kind: "unauthorized", message: `not allowed to read ${what} (HTTP 403)` };
    if (status === 404) return { kind: "not_found", message: `${what} not found` };
    const body = (error as { body?: unknown }).body;
    const detail = typeof body === "object" && body && typeof (body as { message?: unknown }).message === "string" ? (body as { message: string }).message : typeof body === "string" ? body : "";
    const text = detail ? `: ${redact(printable(detail)).slice(0, 200)}` : "";
    if (status === 503) return { kind: "bad_response", message: `the API server says ${what} is unavailable (HTTP 503)${text}` };
    return { kind: "bad_response", message: `the Kubernetes API answered HTTP ${status}${text}` };
  }
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === "object" && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (NETWORK.includes(code)) return { kind: "unreachable", message: `the Kubernetes API server is unreachable (${code})` };
    if (code === "ETIMEDOUT") return { kind: "timeout", message: "connection to the Kubernetes API server timed out (ETIMEDOUT)" };
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code)) return { kind: "bad_response", message: `TLS with the Kubernetes API server failed (${code})` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/socket hang up|ECONNREFUSED|connect /i.test(message)) return { kind: "unreachable", message: "the Kubernetes API server is unreachable" };
  return { kind: "bad_response", message: `the Kubernetes API answered unexpectedly: ${redact(printable(message)).slice(0, 200)}` };
}

/**
 * Runs one Kubernetes call within the deadline: `task` gets the checked KubeConfig, the
 * per-call options (signal + shared agent) and the signal; errors are classified.
 */
export function kubeCall<T>(
  target: KubeTarget,
  deadlineMs: number,
  what: string,
  task: (call: { config: KubeConfig; options: ConfigurationOptions<ObservableMiddleware>; signal: AbortSignal }) => Promise<T>,
): Promise<ConnectorResult<T>> {
  return withDeadline(
    deadlineMs,
    async (signal) => {
      const config = loadKubeConfig(target);
      return task({ config, options: callOptions(target, signal), signal });
    },
    (error) => classifyKubeError(error, what),
  );
}
