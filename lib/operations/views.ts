import type { FieldChange } from "./diff";
import { OPERATION_TITLES, type OperationKind, type UndoSuggestion } from "./types";
import type { CheckComparison, CheckSnapshot } from "./verification";

/** An operation as the API and the UI show it (GET /api/v1/incidents/:id/operations). */
export interface OperationView {
  id: string;
  incidentId: string;
  kind: OperationKind;
  title: string;
  target: string;
  params: Record<string, unknown>;
  outcome: "running" | "succeeded" | "failed" | "partial";
  message: string;
  changed: FieldChange[];
  notChanged: string[];
  /** what was previewed */
  preview: FieldChange[];
  priorState: Record<string, unknown> | null;
  /** offered as the next operation */
  undo: UndoSuggestion | null;
  undoOf: string | null;
  verification: { before: CheckSnapshot[]; after?: CheckSnapshot[]; comparisons?: CheckComparison[]; passed?: boolean; verifiedAt?: string } | null;
  actor: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface OperationRow {
  id: string;
  incidentId: string;
  kind: string;
  target: string;
  params: unknown;
  preview: unknown;
  priorState: unknown;
  outcome: string;
  result: unknown;
  verification: unknown;
  actor: string;
  undoOf: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function operationView(row: OperationRow): OperationView {
  const result = (row.result ?? {}) as { message?: string; changed?: FieldChange[]; notChanged?: string[]; undo?: UndoSuggestion | null };
  const kind = row.kind as OperationKind;
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind,
    title: OPERATION_TITLES[kind] ?? row.kind,
    target: row.target,
    params: (row.params ?? {}) as Record<string, unknown>,
    outcome: row.outcome as OperationView["outcome"],
    message: result.message ?? (row.outcome === "running" ? "running" : ""),
    changed: result.changed ?? [],
    notChanged: result.notChanged ?? [],
    preview: ((row.preview ?? {}) as { changes?: FieldChange[] }).changes ?? [],
    priorState: (row.priorState ?? null) as Record<string, unknown> | null,
    undo: result.undo ?? null,
    undoOf: row.undoOf,
    verification: (row.verification ?? null) as OperationView["verification"],
    actor: row.actor,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
