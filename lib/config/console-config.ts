import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { catalogSchema, interpolateEnv, SYSTEM_NAMES, type Env } from "./catalog";
import { parseDuration } from "./duration";

/**
 * The console's catalog: `console.config.yaml` (or CONSOLE_CONFIG). Every field has a
 * default describing the runbook's pipeline, so an empty or missing file is valid. Errors
 * name the line and the field.
 */
const duration = z.string().refine((text) => parseDuration(text) !== null, { message: 'must be a duration such as "5m", "90s" or "1h"' });

const contact = z.object({
  name: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
});

/** The whole file: the catalog (catalog.ts) plus escalation, contacts and notifications. */
export function consoleConfigSchema(env: Env = process.env) {
  return catalogSchema(env).extend({
  escalation: z
    .object({
      /** How long the receiving level has to acknowledge before the incident escalates again. */
      ackDeadline: z
        .object({ SEV1: duration.default("5m"), SEV2: duration.default("15m"), SEV3: duration.default("30m"), SEV4: duration.default("1h") })
        .prefault({}),
    })
    .prefault({}),
  contacts: z
    .object({
      L1: contact.default({ name: "On-call Engineer", phone: "+1-XXX-XXX-XXXX" }),
      L2: contact.default({ name: "Senior Engineer", phone: "+1-XXX-XXX-XXXX" }),
      L3: contact.default({ name: "Principal Engineer", phone: "+1-XXX-XXX-XXXX" }),
      security: contact.default({ name: "Security Team", email: "security@254carbon.com" }),
      management: contact.default({ name: "Management", email: "management@254carbon.com" }),
    })
    .prefault({}),
  notifications: z
    .object({
      /** Slack-compatible incoming webhook; unset: notifications are recorded but not sent. */
      webhookUrl: z.string().url({ message: "must be a URL, e.g. https://hooks.slack.com/services/T000/B000/XXXX" }).optional(),
    })
    .prefault({}),
  });
}

export type ConsoleConfig = z.infer<ReturnType<typeof consoleConfigSchema>>;

export type ConfigResult = { ok: true; config: ConsoleConfig } | { ok: false; errors: string[] };

/** Parses the YAML text of a config file; never throws. */
export function parseConsoleConfig(text: string, fileName = "console.config.yaml", env: Env = process.env): ConfigResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => `${fileName}:${error.linePos?.[0].line ?? "?"}: ${error.message.split("\n")[0]}`),
    };
  }
  let raw: unknown;
  try {
    raw = interpolateEnv(document.toJS() ?? {}, env);
  } catch {
    // An alias inside its own anchor (`x: &a [*a]`) makes a value that contains itself.
    return { ok: false, errors: [`${fileName}:1: a value refers to itself through an alias (&name … *name inside it); write the value out instead`] };
  }
  const result = consoleConfigSchema(env).safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const node = document.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      let offset = node?.range?.[0];
      if (offset === undefined) {
        // A missing field: point at its parent.
        const parent = document.getIn(issue.path.slice(0, -1) as (string | number)[], true);
        offset = isMap(parent) || isSeq(parent) ? parent.range?.[0] : undefined;
      }
      const line = offset !== undefined ? lineCounter.linePos(offset).line : 1;
      return `${fileName}:${line}: ${issue.path.join(".") || "(root)"} ${issue.message}`;
    }),
  };
}

const cache = new Map<string, ConsoleConfig>();

/** The console's configuration, read once per file. Throws with every problem listed. */
export function consoleConfig(): ConsoleConfig {
  const file = path.resolve(/*turbopackIgnore: true*/ process.env.CONSOLE_CONFIG || "console.config.yaml");
  const cached = cache.get(file);
  if (cached) return cached;
  const text = existsSync(/*turbopackIgnore: true*/ file) ? readFileSync(/*turbopackIgnore: true*/ file, "utf8") : "";
  const result = parseConsoleConfig(text, path.basename(file));
  if (!result.ok) throw new Error(`Invalid console configuration:\n  - ${result.errors.join("\n  - ")}`);
  cache.set(file, result.config);
  return result.config;
}

/** What an incident may name as affected: the catalog's services and the infrastructure systems. */
export function incidentSubjects(config: ConsoleConfig = consoleConfig()): string[] {
  return [...config.services.map((service) => service.name), ...SYSTEM_NAMES];
}
