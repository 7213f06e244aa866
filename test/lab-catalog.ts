import { labEnv } from "../lab/core/lab-env.ts";
import type { CheckContext } from "@/lib/checks/types";
import { thresholdsFor, type Catalog } from "@/lib/config/catalog";
import { parseConsoleConfig } from "@/lib/config/console-config";

/**
 * The catalog a console started by `npm run demo` sees: the defaults with the lab's
 * environment (`npm run lab -- env`). For *.lab.test.ts; `overrides` replaces environment
 * variables (e.g. a wrong password, a closed port).
 */
export function labCatalog(overrides: Record<string, string | undefined> = {}, yaml = ""): Catalog {
  const result = parseConsoleConfig(yaml, "lab-test.yaml", { ...labEnv(), ...overrides });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.config;
}

export function labContext(options: { overrides?: Record<string, string | undefined>; yaml?: string; deadlineMs?: number } = {}): CheckContext {
  const env = { ...labEnv(), ...options.overrides };
  const catalog = labCatalog(options.overrides, options.yaml);
  return { catalog, thresholds: thresholdsFor(catalog), deadlineMs: options.deadlineMs ?? 2_000, env };
}
