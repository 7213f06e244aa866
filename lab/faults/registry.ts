/** Every fault the lab can inject, by name (one per runbook procedure). */
import { readFaults } from "../core/fault-state.ts";
import { authFailures } from "./auth-failures.ts";
import { badPrices } from "./bad-prices.ts";
import { brokerDown } from "./broker-down.ts";
import { certExpiring } from "./cert-expiring.ts";
import type { Fault } from "./fault.ts";
import { consumerStall, crashloop, latency, oom, rateLimitStorm, slowQueries, targetDown } from "./flags.ts";
import { helmFailed } from "./helm-failed.ts";
import { imagePull } from "./image-pull.ts";
import { jaegerDown } from "./jaeger-down.ts";
import { pgLocks } from "./pg-locks.ts";
import { tracingOff } from "./tracing-off.ts";

export const FAULTS: Fault[] = [
  consumerStall, badPrices, crashloop, imagePull, oom, slowQueries, pgLocks, rateLimitStorm,
  certExpiring, authFailures, targetDown, helmFailed, brokerDown, latency, jaegerDown, tracingOff,
];

export function fault(name: string): Fault {
  const found = FAULTS.find((f) => f.name === name);
  if (!found) throw new Error(`unknown fault '${name}'; faults: ${FAULTS.map((f) => f.name).join(", ")}`);
  return found;
}

/** Heals every active fault (in reverse order of injection). */
export async function healAll({ quiet = false } = {}): Promise<string[]> {
  const active = Object.entries(readFaults())
    .sort((a, b) => b[1].since.localeCompare(a[1].since))
    .map(([name]) => name);
  for (const name of active) {
    if (!quiet) console.log(`healing ${name}`);
    await fault(name).heal();
  }
  return active;
}
