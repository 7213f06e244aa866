import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { announceChange } from "@/lib/incidents/live/timeline-bus";
import { appendTimeline } from "@/lib/incidents/timeline";
import { operationContext, runChecks } from "./context";
import { resolveTarget } from "./targets";
import { OPERATION_TITLES, type OperationContext, type OperationKind, type VerifyCheck } from "./types";
import { compareChecks, comparisonLines, type CheckSnapshot } from "./verification";
import { operationView, type OperationView } from "./views";

const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The verify step: re-runs the checks that were read before the operation and puts before
 * and after side by side on the timeline ("3 restarts → 0", "lag 12,408 → 3,100"). With
 * `waitSeconds`, re-runs every few seconds until they pass or the time is up (a rollout
 * takes a moment; a queue drains over a while); only the last reading is recorded.
 */
export async function verifyOperation(options: { db: Db; actor: Actor; incidentId: string; operationId: string; waitSeconds?: number; context?: OperationContext }): Promise<OperationView> {
  const { db, actor, incidentId, operationId } = options;
  const row = await db.operation.findUnique({ where: { id: operationId } });
  if (!row || row.incidentId !== incidentId) throw new AppError("not_found", "No such operation on this incident.");
  if (row.outcome === "running") throw new AppError("conflict", "The operation is still running; verify it when it has finished.");
  const context = options.context ?? operationContext();
  const target = resolveTarget(context.catalog, row.target);
  if (!target) throw new AppError("conflict", `${row.target} is no longer in the catalog.`);
  const stored = (row.verification ?? {}) as { before?: CheckSnapshot[]; checks?: VerifyCheck[] };
  const checks = stored.checks ?? [];
  const before = stored.before ?? [];
  if (!checks.length) throw new AppError("conflict", "This operation has no checks to verify with.");

  const until = Date.now() + Math.min(Math.max(options.waitSeconds ?? 0, 0), 120) * 1000;
  let after = await runChecks(context, target, checks);
  let compared = compareChecks(before, after);
  while (!compared.passed && Date.now() + 3_000 < until) {
    await sleep(3_000);
    after = await runChecks(context, target, checks);
    compared = compareChecks(before, after);
  }

  const verifiedAt = new Date().toISOString();
  const title = OPERATION_TITLES[row.kind as OperationKind] ?? row.kind;
  const updated = await db.$transaction(async (tx) => {
    const saved = await tx.operation.update({ where: { id: row.id }, data: { verification: json({ ...stored, after, comparisons: compared.comparisons, passed: compared.passed, verifiedAt }) } });
    await appendTimeline(tx, {
      incidentId,
      kind: "operation",
      actor,
      body: `Verify ${title} ${row.target}: ${compared.passed ? "passed" : "not passed"}.\n${comparisonLines(compared.comparisons).map((line) => `- ${line}`).join("\n")}`,
      data: json({ phase: "verify", operationId: row.id, kind: row.kind, target: row.target, passed: compared.passed, comparisons: compared.comparisons }),
    });
    await recordAudit(tx, { actor, action: `operation.verify`, outcome: "ok", targetType: "incident", targetId: incidentId, after: json({ operationId: row.id, passed: compared.passed }) });
    return saved;
  });
  await announceChange(db, incidentId);
  return operationView(updated);
}
