import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { Env } from "../lib/config/catalog";
import { parseConsoleConfig, type ConsoleConfig } from "../lib/config/console-config";

/**
 * Every backend the console connects to, read from its own catalog (what `consoleConfig()`
 * parses from the environment): each infrastructure system of `catalog.systems` and each
 * service of `catalog.services`, with the addresses it is reached at. Found by walking the
 * catalog's values, not from a list: URLs, `host:port` fields, the URL in the variable a
 * `…Env` field names, and the cluster servers of a kubeconfig file a field names. A backend
 * added to the catalog joins whatever uses this (the console's fault matrix) by itself.
 */
export interface Address {
  host: string;
  port: number;
}

export interface Backend {
  kind: "system" | "service";
  /** the panel that shows it on the overview */
  name: string;
  addresses: Address[];
}

export const addressKey = (address: Address) => `${address.host}:${address.port}`;

export function catalogOf(env: Env): ConsoleConfig {
  const parsed = parseConsoleConfig("", "console.config.yaml", env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.config;
}

export function catalogBackends(catalog: ConsoleConfig, env: Env): Backend[] {
  const backends: Backend[] = [
    ...Object.entries(catalog.systems).map(([name, section]) => ({ kind: "system" as const, name, addresses: addressesIn(section, env) })),
    ...catalog.services.map((service) => ({ kind: "service" as const, name: service.name, addresses: addressesIn(service, env) })),
  ];
  return backends.filter((backend) => backend.addresses.length > 0);
}

function addressesIn(value: unknown, env: Env, key = ""): Address[] {
  const found = new Map<string, Address>();
  const add = (address: Address | null) => address && found.set(addressKey(address), address);
  if (typeof value === "string") {
    add(urlAddress(value) ?? hostPort(value));
    if (key.endsWith("Env") && env[value]) add(urlAddress(env[value]!));
    for (const server of kubeconfigServers(value)) add(urlAddress(server));
  } else if (Array.isArray(value)) {
    for (const item of value) for (const address of addressesIn(item, env, key)) add(address);
  } else if (value && typeof value === "object") {
    for (const [field, item] of Object.entries(value)) for (const address of addressesIn(item, env, field)) add(address);
  }
  return [...found.values()];
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443, "postgres:": 5432, "postgresql:": 5432, "redis:": 6379, "rediss:": 6379 };

function urlAddress(text: string): Address | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    return url.hostname && port ? { host: url.hostname, port } : null;
  } catch {
    return null;
  }
}

function hostPort(text: string): Address | null {
  const match = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  return match ? { host: match[1]!, port: Number(match[2]) } : null;
}

/** A path to a kubeconfig: its clusters' servers. Anything else: none. */
function kubeconfigServers(text: string): string[] {
  if (!path.isAbsolute(text) || !existsSync(text)) return [];
  try {
    const document = parse(readFileSync(text, "utf8")) as { clusters?: { cluster?: { server?: unknown } }[] } | null;
    return (document?.clusters ?? []).map((cluster) => cluster.cluster?.server).filter((server): server is string => typeof server === "string");
  } catch {
    return [];
  }
}

/**
 * The environment with every backend address replaced by its proxy's (`127.0.0.1:<port>`),
 * in the variables' values and in the files they name (the kubeconfig, rewritten into `dir`).
 */
export async function envThroughProxies(env: Env, proxies: Map<string, number>, dir: string): Promise<Env> {
  const keys = [...proxies.keys()].sort((a, b) => b.length - a.length);
  const replace = (text: string) => keys.reduce((result, key) => result.replace(new RegExp(`${escape(key)}(?!\\d)`, "g"), `127.0.0.1:${proxies.get(key)}`), text);
  const rewritten: Env = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (path.isAbsolute(value) && existsSync(value) && kubeconfigServers(value).length) {
      const copy = path.join(dir, `${name.toLowerCase()}-${path.basename(value)}`);
      await writeFile(copy, replace(readFileSync(value, "utf8")));
      rewritten[name] = copy;
    } else {
      rewritten[name] = replace(value);
    }
  }
  return rewritten;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
