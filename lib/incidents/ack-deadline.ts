import { consoleConfig } from "@/lib/config/console-config";
import { parseDuration } from "@/lib/config/duration";
import type { Severity } from "./severity";

/** How long the receiving level has to acknowledge, by severity (console.config.yaml). */
export function ackDeadlineMs(severity: Severity): number {
  return parseDuration(consoleConfig().escalation.ackDeadline[severity]) ?? 15 * 60_000;
}
