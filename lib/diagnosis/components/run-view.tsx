"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { CopyCommand } from "@/components/runbooks/copy-command";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PreviewDialog, type Draft } from "@/lib/operations/act-panel";
import { findProcedure } from "../catalogue";
import type { Step } from "../definition";
import type { RunJson, StepResultJson, VerifyComparison } from "../types";
import { EvidenceData } from "./evidence-data";
import { OperationStepView } from "./operation-step-view";
import { runStepStreamed } from "./run-step-streamed";
import { VerdictBadge } from "./verdict-badge";

const STATUS_MARK: Record<string, string> = { done: "✓", current: "▶", running: "…", ahead: "○" };

/** The map of the run: done / current / ahead, always visible; a click opens a step. */
function RunMap({ run, selected, onSelect }: { run: RunJson; selected: string; onSelect: (step: string) => void }) {
  return (
    <ol className="space-y-1 text-sm" aria-label="Steps of the run" data-testid="run-map">
      {run.steps.map((step, index) => (
        <li key={step.id}>
          <button
            type="button"
            onClick={() => onSelect(step.id)}
            data-status={step.status}
            aria-current={step.id === selected ? "step" : undefined}
            className={`flex w-full items-start gap-2 rounded px-2 py-1 text-left ${step.id === selected ? "bg-surface-sunken" : "hover:bg-surface-sunken"} ${step.status === "ahead" ? "text-fg-muted" : ""}`}
          >
            <span aria-hidden className={`w-4 shrink-0 font-mono ${step.status === "current" ? "text-accent" : ""}`}>{STATUS_MARK[step.status]}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate">{index + 1}. {step.title}</span>
              <span className="sr-only">{step.status}</span>
            </span>
            {step.verdict ? <VerdictBadge verdict={step.verdict} /> : null}
          </button>
        </li>
      ))}
    </ol>
  );
}

function Result({ result, step }: { result: StepResultJson; step: Step }) {
  const meaning = step.kind === "check" && result.verdict ? (step.meaning as Record<string, string | undefined>)[result.verdict] : undefined;
  const comparisons = step.kind === "verify" ? ((result.data as { comparisons?: VerifyComparison[] } | null)?.comparisons ?? []) : [];
  return (
    <div className="space-y-2 rounded-md border border-border p-3" data-testid="step-result" data-attempt={result.attempt}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {result.verdict ? <VerdictBadge verdict={result.verdict} /> : <span className="text-fg-muted">running…</span>}
        <span className="font-medium" data-testid="step-summary">{result.summary}</span>
      </div>
      {meaning ? <p className="text-sm" data-testid="verdict-meaning">{meaning}</p> : null}
      {comparisons.length ? (
        <table className="w-full text-left text-xs">
          <thead className="text-fg-muted"><tr><th className="py-1">step</th><th>before</th><th>after</th></tr></thead>
          <tbody>
            {comparisons.map((comparison) => (
              <tr key={comparison.step} className="border-t border-border">
                <td className="py-1">{comparison.step}</td>
                <td>{comparison.before ? <VerdictBadge verdict={comparison.before.verdict} /> : "not run"}</td>
                <td><VerdictBadge verdict={comparison.after.verdict} /> <span className="text-fg-muted">{comparison.after.summary}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : step.kind === "check" ? (
        <EvidenceData data={result.data} />
      ) : null}
      {result.offPathReason && result.offPathFrom ? <p className="text-xs text-warn">Off the suggested path (was: {result.offPathFrom}): {result.offPathReason}</p> : null}
      <p className="text-xs text-fg-muted">
        Attempt {result.attempt} by {result.ranBy}
        {result.finishedAt ? <> at <LocalTime iso={result.finishedAt} /></> : null}
        {result.durationMs !== null ? ` · ${result.durationMs} ms` : ""}
      </p>
    </div>
  );
}

function useElapsed(active: boolean) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed((Date.now() - started) / 1000), 100);
    return () => {
      clearInterval(timer);
      setElapsed(0);
    };
  }, [active]);
  return elapsed;
}

/**
 * One run: the map, the selected step (the suggested one unless the responder opens another)
 * with the runbook command it replaces, a Run/answer/tick control, progress while it runs,
 * every result with its meaning and data, and the next step with the reason. Enter runs the
 * suggested step (an operation step: opens its preview). Leaving the suggested path asks why.
 * An operation step previews, confirms and verifies in the Act panel's dialog, sent to the
 * run's step route so the outcome becomes the step's result.
 */
export function RunView({ incidentId, run, canRun }: { incidentId: string; run: RunJson; canRun: boolean }) {
  const queryClient = useQueryClient();
  const procedure = findProcedure(run.procedure);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? run.next?.step ?? run.steps.at(-1)?.id ?? "";
  const step = procedure?.steps.find((candidate) => candidate.id === selected);
  const results = run.results.filter((result) => result.step === selected);
  const attempts = run.steps.find((candidate) => candidate.id === selected)?.attempts ?? 0;
  const offPath = run.next?.step !== selected && attempts === 0;
  const [reason, setReason] = useState("");
  const [ticked, setTicked] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const elapsed = useElapsed(pending);
  // What the running step has done so far, streamed by the step route (a log scan's lines and matches).
  const [progress, setProgress] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ draft: Draft; step?: { url: string; reason?: string } } | null>(null);
  const lastTicked = ((results.filter((result) => result.status === "done").at(-1)?.data as { ticked?: string[] } | null)?.ticked ?? []);
  const currentTicks = ticked ?? lastTicked;

  /** Presses a step; the view stays on it to show the result, its meaning and the suggested next step. */
  const press = async (stepId: string, extra: { answer?: string; ticked?: string[] } = {}) => {
    if (pending) return;
    const pressedAttempts = run.steps.find((candidate) => candidate.id === stepId)?.attempts ?? 0;
    const pressedOffPath = run.next?.step !== stepId && pressedAttempts === 0;
    setChosen(stepId);
    setPending(true);
    setMessage(null);
    setProgress(null);
    const body = { attempt: pressedAttempts + 1, ...(pressedOffPath && reason.trim() ? { reason: reason.trim() } : {}), ...extra };
    const outcome = await runStepStreamed({ incidentId, runId: run.id, stepId, body, onProgress: (update) => setProgress(update.text) });
    setPending(false);
    setProgress(null);
    if (!outcome.ok) setMessage(outcome.error.message);
    else {
      setReason("");
      setTicked(null);
    }
    await queryClient.invalidateQueries({ queryKey: ["incident", incidentId] });
  };
  /** Opens the preview of an operation step; the view stays on the step to show the outcome and the next step. */
  const openPreview = (stepId: string) => {
    const target = procedure?.steps.find((candidate) => candidate.id === stepId);
    if (target?.kind !== "operation" || dialog) return;
    const stepAttempts = run.steps.find((candidate) => candidate.id === stepId)?.attempts ?? 0;
    const stepOffPath = run.next?.step !== stepId && stepAttempts === 0;
    setChosen(stepId);
    setMessage(null);
    setDialog({
      draft: { kind: target.operation, target: run.act?.gates[stepId]?.target ?? target.target, params: target.params },
      step: { url: `/api/v1/incidents/${incidentId}/runs/${run.id}/steps/${stepId}`, ...(stepOffPath && reason.trim() ? { reason: reason.trim() } : {}) },
    });
  };
  // The keyboard handler below is registered once per step; it calls the latest press.
  const pressRef = useRef(press);
  const previewRef = useRef(openPreview);
  useEffect(() => {
    pressRef.current = press;
    previewRef.current = openPreview;
  });

  // Enter runs the suggested step (a check or a verify; an operation the viewer may do: its preview) unless the responder is typing or on a control.
  const suggested = procedure?.steps.find((candidate) => candidate.id === run.next?.step);
  const suggestedOperationRefused = suggested?.kind === "operation" ? Boolean(run.act?.refusals[suggested.operation]) : false;
  useEffect(() => {
    if (!canRun || !suggested || (suggested.kind !== "check" && suggested.kind !== "verify" && suggested.kind !== "operation") || suggestedOperationRefused) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "Enter" || event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && target.closest("input, textarea, select, button, a, [contenteditable=true], dialog")) return;
      event.preventDefault();
      if (suggested.kind === "operation") previewRef.current(suggested.id);
      else void pressRef.current(suggested.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canRun, suggested, suggestedOperationRefused]);

  if (!procedure) return <p className="text-sm text-fail">This run follows a procedure that no longer exists ({run.procedure}).</p>;
  const latestDone = results.filter((result) => result.status === "done").at(-1);
  const nextStep = procedure.steps.find((candidate) => candidate.id === latestDone?.branchTo);

  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]" data-testid="run-view" data-run={run.id}>
      <aside className="space-y-2">
        <p className="text-xs text-fg-muted">
          {run.title} · v{run.procedureVersion} · for {run.level}
          {run.service ? <> · about <span className="font-medium text-fg">{run.service}</span></> : null} · started by {run.startedBy}
        </p>
        <RunMap run={run} selected={selected} onSelect={(id) => { setChosen(id); setMessage(null); setTicked(null); }} />
        {run.state === "finished" ? <p className="text-sm text-ok" data-testid="run-finished">Run finished.</p> : null}
      </aside>
      {step ? (
        <section className="min-w-0 space-y-3" aria-label={`Step: ${step.title}`} data-testid="step-view" data-step={step.id}>
          <header className="space-y-1">
            <h3 className="text-lg font-semibold">{step.title}</h3>
            {selected === run.next?.step ? (
              <p className="text-sm text-fg-muted" data-testid="suggested-reason">Suggested: {run.next.reason}</p>
            ) : null}
          </header>
          {step.kind === "check" ? (
            <div className="space-y-2">
              <div className="flex items-start gap-2 rounded bg-surface-sunken p-2">
                <pre className="min-w-0 flex-1 overflow-x-auto whitespace-pre-wrap font-mono text-xs" title="The runbook command this step replaces" data-testid="step-command">{step.command}</pre>
                <CopyCommand command={step.command} />
              </div>
              <p className="text-xs text-fg-muted">Runs <code>{step.check}</code> with {JSON.stringify(step.params)} instead.</p>
            </div>
          ) : null}
          {step.kind === "question" ? <p className="text-sm">{step.question}</p> : null}
          {step.kind === "verify" ? <p className="text-sm">Re-runs {step.steps.join(", ")} and compares with the earlier results.</p> : null}
          {step.kind === "operation" ? (
            <OperationStepView
              incidentId={incidentId}
              run={run}
              step={step}
              canRun={canRun}
              blockedByReason={offPath && !reason.trim()}
              onPreview={() => openPreview(step.id)}
              onUndo={(undo, operationId) => setDialog({ draft: { kind: undo.kind, target: undo.target, params: undo.params, undoOf: operationId } })}
            />
          ) : null}

          {canRun ? (
            <div className="space-y-2">
              {offPath ? (
                <label className="block text-sm">
                  <span className="text-warn">Not the suggested step. Why take it?</span>
                  <input value={reason} onChange={(event) => setReason(event.target.value)} className="mt-1 w-full rounded-md border border-border bg-surface px-2 py-1" placeholder="e.g. we deployed 10 minutes ago" data-testid="off-path-reason" />
                </label>
              ) : null}
              {step.kind === "check" || step.kind === "verify" ? (
                <Button onClick={() => void press(step.id)} disabled={pending || (offPath && !reason.trim())} data-testid="run-step">
                  {pending ? `Running… ${elapsed.toFixed(1)} s` : attempts ? "Run again" : "Run"}
                  {!pending && selected === run.next?.step ? <kbd className="text-xs opacity-70" title="Enter runs the suggested step">⏎</kbd> : null}
                </Button>
              ) : null}
              {step.kind === "question" ? (
                <div className="flex flex-wrap gap-2">
                  {step.answers.map((answer) => (
                    <Button key={answer.value} variant="secondary" disabled={pending || (offPath && !reason.trim())} onClick={() => void press(step.id, { answer: answer.value })} data-testid={`answer-${answer.value}`}>
                      {answer.label}
                    </Button>
                  ))}
                </div>
              ) : null}
              {step.kind === "checklist" ? (
                <div className="space-y-1">
                  {step.items.map((item) => (
                    <label key={item} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={currentTicks.includes(item)} disabled={lastTicked.includes(item)} onChange={(event) => setTicked(event.target.checked ? [...currentTicks, item] : currentTicks.filter((line) => line !== item))} />
                      {item}
                    </label>
                  ))}
                  <Button variant="secondary" disabled={pending || (offPath && !reason.trim())} onClick={() => void press(step.id, { ticked: currentTicks })} data-testid="record-ticks">
                    {pending ? "Recording…" : "Record on the timeline"}
                  </Button>
                </div>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-fg-muted">Your role reads runs; running steps needs L1 or above.</p>
          )}
          {pending && progress ? <p className="text-sm text-fg-muted" data-testid="step-progress">{progress}</p> : null}
          {message ? <p role="alert" className="text-sm text-warn" data-testid="step-message">{message}</p> : null}

          {results.length ? (
            <div className="space-y-2">
              {[...results].reverse().map((result) => <Result key={result.id} result={result} step={step} />)}
            </div>
          ) : step.kind === "check" ? (
            <ul className="space-y-0.5 text-xs text-fg-muted">
              {Object.entries(step.meaning).map(([verdict, text]) => (
                <li key={verdict}><span className="uppercase">{verdict}</span>: {text}</li>
              ))}
            </ul>
          ) : null}

          {latestDone && latestDone.branchTo ? (
            <p className="rounded-md border border-accent/40 p-2 text-sm" data-testid="next-step">
              {nextStep ? (
                <>
                  Next: <button type="button" className="font-medium underline" onClick={() => setChosen(nextStep.id)}>{nextStep.title}</button> — {latestDone.branchReason}
                  {canRun && run.next?.step === nextStep.id && (nextStep.kind === "check" || nextStep.kind === "verify") ? <span className="text-xs text-fg-muted"> (Enter runs it)</span> : null}
                  {canRun && run.next?.step === nextStep.id && nextStep.kind === "operation" && !run.act?.refusals[nextStep.operation] ? <span className="text-xs text-fg-muted"> (Enter opens its preview)</span> : null}
                </>
              ) : (
                <>End of the procedure — {latestDone.branchReason}</>
              )}
            </p>
          ) : null}
        </section>
      ) : null}
      {dialog ? (
        <PreviewDialog
          key={JSON.stringify(dialog)}
          incidentId={incidentId}
          draft={dialog.draft}
          {...(dialog.step ? { step: dialog.step } : {})}
          onClose={() => setDialog(null)}
          onDone={() => {
            setReason("");
            void queryClient.invalidateQueries({ queryKey: ["incident", incidentId] });
          }}
        />
      ) : null}
    </div>
  );
}
