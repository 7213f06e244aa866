import "server-only";
import { findCheck } from "@/lib/checks/registry";
import { runCheck } from "@/lib/checks/define-check";
import { thresholdsFor } from "@/lib/config/catalog";
import { consoleConfig } from "@/lib/config/console-config";
import { parseDuration } from "@/lib/config/duration";
import { figureOf, type CheckSnapshot } from "./verification";
import { serviceOf } from "./targets";
import type { OperationContext, OperationTarget, VerifyCheck } from "./types";

/** The console process's catalog, environment and deadline (tests pass their own context). */
export function operationContext(): OperationContext {
  const catalog = consoleConfig();
  return { catalog, env: process.env, deadlineMs: parseDuration(catalog.probe.deadline) ?? 2_000 };
}

/** Runs the verification checks side by side, each with the thresholds of the target's service. */
export async function runChecks(context: OperationContext, target: OperationTarget, checks: VerifyCheck[]): Promise<CheckSnapshot[]> {
  const thresholds = thresholdsFor(context.catalog, serviceOf(context.catalog, target));
  return Promise.all(
    checks.map(async ({ check: id, params }) => {
      const check = findCheck(id);
      if (!check) return { check: id, params, verdict: "error" as const, summary: `no check ${id}`, figure: null, checkedAt: new Date().toISOString() };
      const result = await runCheck(check, { catalog: context.catalog, thresholds, deadlineMs: context.deadlineMs, env: context.env }, params);
      return { check: id, params, verdict: result.verdict, summary: result.summary, figure: figureOf(result.data), checkedAt: result.checkedAt };
    }),
  );
}
