import "server-only";
import type { CheckContext } from "@/lib/checks/types";
import { thresholdsFor, type CatalogService } from "@/lib/config/catalog";
import { consoleConfig } from "@/lib/config/console-config";
import { parseDuration } from "@/lib/config/duration";

/** The context every probe and check of this console process runs with: the catalog, its thresholds, the probe deadline. */
export function probeContext(service?: CatalogService): CheckContext {
  const catalog = consoleConfig();
  return { catalog, thresholds: thresholdsFor(catalog, service), deadlineMs: parseDuration(catalog.probe.deadline) ?? 2_000, env: process.env };
}
