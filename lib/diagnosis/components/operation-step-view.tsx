"use client";

import { useQuery } from "@tanstack/react-query";
import { CopyCommand } from "@/components/runbooks/copy-command";
import { Button } from "@/components/ui/button";
import { lowestRoleWith } from "@/lib/auth/roles";
import { OperationItem } from "@/lib/operations/act-panel";
import { OPERATION_PERMISSIONS, OPERATION_TITLES, type OperationKind, type UndoSuggestion } from "@/lib/operations/types";
import type { OperationView } from "@/lib/operations/views";
import type { OperationStep } from "../definition";
import type { RunJson } from "../types";

/**
 * An operation step of a run: the terminal command it replaces, what it acts on (aimed at
 * the run's service by the server), who may do it — a level too low is shown disabled with
 * the reason the server gave — and a Preview button that opens the same preview / typed
 * confirmation dialog as the Act panel. Once done: the operation's outcome, its
 * verification and its undo.
 */
export function OperationStepView({
  incidentId,
  run,
  step,
  canRun,
  blockedByReason,
  onPreview,
  onUndo,
}: {
  incidentId: string;
  run: RunJson;
  step: OperationStep;
  canRun: boolean;
  /** the step is off the suggested path and the responder has not said why yet */
  blockedByReason: boolean;
  onPreview: () => void;
  onUndo: (undo: UndoSuggestion, operationId: string) => void;
}) {
  const gate = run.act?.gates[step.id];
  const refusals = run.act?.refusals ?? {};
  const refusalOf = (kind: OperationKind) => refusals[kind] ?? null;
  const refused = canRun ? refusalOf(step.operation) : "your role reads runs; acting needs L1 or above";
  const needed = lowestRoleWith(OPERATION_PERMISSIONS[step.operation]).toUpperCase();
  const done = run.results.filter((result) => result.step === step.id && result.status === "done");
  const ids = done.map((result) => (result.data as { operationId?: string } | null)?.operationId).filter((id): id is string => Boolean(id));
  // The operations themselves (verification, undo) sit under the incident's key: the live stream refreshes them.
  const operations = useQuery({
    queryKey: ["incident", incidentId, "operations"],
    queryFn: async () => {
      const response = await fetch(`/api/v1/incidents/${incidentId}/operations`, { cache: "no-store" });
      if (!response.ok) throw new Error(`The console answered ${response.status}`);
      return ((await response.json()) as { operations: OperationView[] }).operations;
    },
    enabled: ids.length > 0,
  });
  const executed = (operations.data ?? []).filter((operation) => ids.includes(operation.id));

  return (
    <div className="space-y-3" data-testid="operation-step">
      <div className="flex items-start gap-2 rounded bg-surface-sunken p-2">
        <pre className="min-w-0 flex-1 overflow-x-auto whitespace-pre-wrap font-mono text-xs" title="The terminal command this step replaces" data-testid="step-command">{step.command}</pre>
        <CopyCommand command={step.command} />
      </div>
      <p className="text-sm">
        The console does it instead: <strong>{OPERATION_TITLES[step.operation]}</strong> of <code className="break-all" data-testid="operation-target">{gate?.target ?? step.target}</code>, after a dry run by the API server and with the object&apos;s name typed to confirm.
      </p>
      <p className="text-sm" data-testid="operation-who">
        {refused ? (
          <span className="text-warn">{OPERATION_TITLES[step.operation]} {refused}.</span>
        ) : (
          <span className="text-fg-muted">{needed} and above may do this; you may.</span>
        )}
      </p>
      <Button variant="secondary" onClick={onPreview} disabled={Boolean(refused) || blockedByReason} title={refused ?? undefined} data-testid="operation-preview">
        {done.length ? "Preview again" : "Preview"}
        {!refused && !done.length && run.next?.step === step.id ? <kbd className="text-xs opacity-70" title="Enter opens the preview of the suggested step">⏎</kbd> : null}
      </Button>
      {executed.length ? (
        <ul className="space-y-2" aria-label="Done from this step">
          {executed.map((operation) => (
            <OperationItem key={operation.id} operation={operation} refusalOf={canRun ? refusalOf : () => "your role reads runs"} onUndo={(undo) => onUndo(undo, operation.id)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
