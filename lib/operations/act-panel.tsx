"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { Role } from "@/lib/auth/roles";
import type { FieldChange } from "./diff";
import { refusal } from "./refusal";
import { OPERATION_KINDS, OPERATION_TARGET_TYPES, OPERATION_TITLES, type LiveFact, type OperationKind, type OperationTarget, type UndoSuggestion } from "./types";
import type { CheckSnapshot } from "./verification";
import type { OperationView } from "./views";

/** What the preview endpoint answers (lib/operations/preview-operation.ts). */
interface Preview {
  kind: OperationKind;
  title: string;
  target: OperationTarget;
  params: Record<string, unknown>;
  summary: string;
  changes: FieldChange[];
  context: LiveFact[];
  checks: CheckSnapshot[];
  disabled: string | null;
  warnings: string[];
  idempotencyKey: string;
}

export interface Draft {
  kind: OperationKind;
  target: string;
  params: Record<string, unknown>;
  undoOf?: string;
}

const show = (value: unknown) => (value === undefined ? "(absent)" : typeof value === "string" ? value : JSON.stringify(value));

async function post<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new Error("The console is unreachable; nothing was sent.");
  }
  const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json as T;
}

/**
 * "Act" on an incident: pick a catalog object and an operation, see the server's dry run
 * (exactly which fields change, beside ready replicas, restarts, lag, revision), type the
 * object's name to confirm, then watch the verify step's before/after; undo is offered
 * as the next operation. Operations a role may not do are shown disabled with the reason.
 */
export function ActPanel({ incidentId, role, targets, unavailable, version }: { incidentId: string; role: Role; targets: OperationTarget[]; unavailable: Partial<Record<OperationKind, string>>; version: number }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  // `version` moves with the incident's timeline, so an operation by another responder shows up too.
  const query = useQuery({
    queryKey: ["operations", incidentId, version],
    queryFn: async () => {
      const response = await fetch(`/api/v1/incidents/${incidentId}/operations`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return ((await response.json()) as { operations: OperationView[] }).operations;
    },
    placeholderData: (previous) => previous,
  });
  const operations = query.data ?? [];
  const load = () => query.refetch();

  return (
    <Card data-testid="act-panel">
      <CardTitle>Act</CardTitle>
      <Chooser targets={targets} role={role} unavailable={unavailable} onPreview={setDraft} />
      {draft ? <PreviewDialog key={JSON.stringify(draft)} incidentId={incidentId} draft={draft} onClose={() => setDraft(null)} onDone={() => void load()} /> : null}
      {operations.length ? (
        <ul className="mt-4 space-y-3" aria-label="Operations on this incident">
          {operations.map((operation) => (
            <OperationItem key={operation.id} operation={operation} refusalOf={(kind) => refusal(kind, role, unavailable)} onUndo={(undo) => setDraft({ kind: undo.kind, target: undo.target, params: undo.params, undoOf: operation.id })} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function Chooser({ targets, role, unavailable, onPreview }: { targets: OperationTarget[]; role: Role; unavailable: Partial<Record<OperationKind, string>>; onPreview: (draft: Draft) => void }) {
  const [targetId, setTargetId] = useState(targets[0]?.id ?? "");
  const [pods, setPods] = useState<string[]>([]);
  const [pod, setPod] = useState("");
  const target = targets.find((t) => t.id === targetId);
  const kinds = OPERATION_KINDS.filter((kind) => (target?.type === "Deployment" && kind === "delete-pod") || (target && OPERATION_TARGET_TYPES[kind].includes(target.type)));
  const [kind, setKind] = useState<OperationKind>("rollout-restart");
  const chosen = kinds.includes(kind) ? kind : kinds[0]!;
  const [replicas, setReplicas] = useState("1");
  const [image, setImage] = useState("");
  const [revision, setRevision] = useState("");
  const blocked = refusal(chosen, role, unavailable);

  useEffect(() => {
    if (chosen !== "delete-pod" || !target) return;
    let cancelled = false;
    void fetch(`/api/v1/services/${encodeURIComponent(target.owner)}`)
      .then((response) => (response.ok ? response.json() : null))
      .then((detail: { pods?: { ok: boolean; value?: { name: string }[] } } | null) => {
        if (cancelled) return;
        const names = detail?.pods?.ok ? (detail.pods.value ?? []).map((p) => p.name) : [];
        setPods(names);
        setPod((current) => (names.includes(current) ? current : (names[0] ?? "")));
      });
    return () => {
      cancelled = true;
    };
  }, [chosen, target]);

  const params = (): Record<string, unknown> => {
    if (chosen === "scale") return { replicas: Number(replicas) };
    if (chosen === "set-image") return { image };
    if ((chosen === "rollout-undo" || chosen === "helm-rollback") && revision) return chosen === "rollout-undo" ? { toRevision: Number(revision) } : { revision: Number(revision) };
    return {};
  };
  // max-w-full: a select is as wide as its longest option ("deployment/data-processing/…"), wider than a phone.
  const field = "max-w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm";
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!target || blocked) return;
        onPreview({ kind: chosen, target: chosen === "delete-pod" ? `pod/${target.namespace}/${pod}` : target.id, params: params() });
      }}
    >
      <label className="min-w-0 max-w-full space-y-1 text-sm">
        <span className="block font-medium">Object</span>
        <select className={field} value={targetId} onChange={(event) => setTargetId(event.target.value)} name="target">
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.type === "HelmRelease" ? `Helm release ${t.name}` : t.type === "System" ? `${t.name} (monitoring)` : `${t.name} (${t.type.toLowerCase()})`}
            </option>
          ))}
        </select>
      </label>
      <label className="min-w-0 max-w-full space-y-1 text-sm">
        <span className="block font-medium">Operation</span>
        <select className={field} value={chosen} onChange={(event) => setKind(event.target.value as OperationKind)} name="kind">
          {kinds.map((k) => {
            const why = refusal(k, role, unavailable);
            return (
              <option key={k} value={k} disabled={Boolean(why)}>
                {OPERATION_TITLES[k]}
                {why ? ` — ${why}` : ""}
              </option>
            );
          })}
        </select>
      </label>
      {chosen === "delete-pod" ? (
        <label className="min-w-0 max-w-full space-y-1 text-sm">
          <span className="block font-medium">Pod</span>
          <select className={field} value={pod} onChange={(event) => setPod(event.target.value)} name="pod">
            {pods.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
      ) : null}
      {chosen === "scale" ? (
        <label className="min-w-0 max-w-full space-y-1 text-sm">
          <span className="block font-medium">Replicas</span>
          <input className={`${field} w-20`} type="number" min={0} max={20} value={replicas} onChange={(event) => setReplicas(event.target.value)} name="replicas" />
        </label>
      ) : null}
      {chosen === "set-image" ? (
        <label className="min-w-0 max-w-full space-y-1 text-sm">
          <span className="block font-medium">Image</span>
          <input className={`${field} w-full sm:w-96`} value={image} onChange={(event) => setImage(event.target.value)} placeholder="registry/enrichment-service:2.4.1" name="image" required />
        </label>
      ) : null}
      {chosen === "rollout-undo" || chosen === "helm-rollback" ? (
        <label className="min-w-0 max-w-full space-y-1 text-sm">
          <span className="block font-medium">Revision (optional)</span>
          <input className={`${field} w-24`} type="number" min={1} value={revision} onChange={(event) => setRevision(event.target.value)} placeholder="previous" name="revision" />
        </label>
      ) : null}
      <Button type="submit" variant="secondary" disabled={Boolean(blocked) || !target || (chosen === "delete-pod" && !pod)} title={blocked ?? undefined}>
        Preview
      </Button>
      {blocked ? <p className="w-full text-sm text-fg-muted" data-testid="act-blocked">{OPERATION_TITLES[chosen]} {blocked}.</p> : null}
    </form>
  );
}

/**
 * The preview → typed confirmation → outcome → verify dialog, for the Act panel and for an
 * operation step of a guided-diagnosis run. `step` sends the dry run and the confirmation to
 * the run's step route instead (which records the outcome as the step's result); `reason`
 * goes with it when the step is not the one the run suggests.
 */
export function PreviewDialog({ incidentId, draft, onClose, onDone, step }: { incidentId: string; draft: Draft; onClose: () => void; onDone: () => void; step?: { url: string; reason?: string } }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [phase, setPhase] = useState<"previewing" | "ready" | "executing" | "verifying" | "done">("previewing");
  const [result, setResult] = useState<{ message: string; operation: OperationView; duplicate: boolean } | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    post<Preview>(step?.url ?? `/api/v1/incidents/${incidentId}/operations`, step ? { dryRun: true, ...(step.reason ? { reason: step.reason } : {}) } : { ...draft, undoOf: undefined, dryRun: true })
      .then((answer) => {
        setPreview(answer);
        setPhase("ready");
      })
      .catch((e: Error) => setError(e.message));
    // The dialog asks once, when it opens; `step` is fixed for its life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incidentId, draft]);

  const execute = async () => {
    if (!preview) return;
    setPhase("executing");
    setError(null);
    try {
      const executed = await post<{ message: string; operation: OperationView; duplicate: boolean }>(
        step?.url ?? `/api/v1/incidents/${incidentId}/operations`,
        step
          ? { confirm: typed, idempotencyKey: preview.idempotencyKey, ...(step.reason ? { reason: step.reason } : {}) }
          : { kind: draft.kind, target: draft.target, params: draft.params, confirm: typed, idempotencyKey: preview.idempotencyKey, undoOf: draft.undoOf },
      );
      setResult(executed);
      onDone();
      if (executed.duplicate || executed.operation.outcome === "failed") return setPhase("done");
      setPhase("verifying");
      const verified = await post<OperationView>(`/api/v1/incidents/${incidentId}/operations/${executed.operation.id}/verify`, { waitSeconds: 60 });
      setResult({ ...executed, operation: verified });
      onDone();
      setPhase("done");
    } catch (e) {
      setError((e as Error).message);
      setPhase(result ? "done" : "ready");
    }
  };

  const close = () => {
    dialog.current?.close();
    onClose();
  };
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby={titleId} className="m-auto w-[min(52rem,94vw)] rounded-lg border border-border bg-surface-raised p-5 text-fg backdrop:bg-black/50">
      <div className="space-y-3">
        <h2 id={titleId} className="text-lg font-semibold">
          {OPERATION_TITLES[draft.kind]} · <span className="font-mono">{draft.target}</span>
        </h2>
        {error ? <Banner tone="fail" title="Not done">{error}</Banner> : null}
        {!preview && !error ? <p className="text-sm text-fg-muted">Asking the API server for a dry run…</p> : null}
        {preview ? (
          <>
            <p className="text-sm" data-testid="preview-summary">{preview.summary}</p>
            {preview.disabled ? <Banner tone="warn" title="Cannot be done">{preview.disabled}</Banner> : null}
            {preview.warnings.map((warning) => (
              <Banner key={warning} tone="warn" title={warning} />
            ))}
            <div className="grid gap-4 md:grid-cols-2">
              <section>
                <h3 className="mb-1 text-sm font-medium">What changes (server dry run)</h3>
                {preview.changes.length ? (
                  <table className="w-full text-xs" data-testid="preview-changes">
                    <tbody>
                      {preview.changes.map((change) => (
                        <tr key={change.path} className="border-t border-border align-top">
                          <td className="py-1 pr-2 font-mono break-all">{change.path}</td>
                          <td className="py-1 pr-2 font-mono break-all text-fail">{show(change.before)}</td>
                          <td className="py-1 font-mono break-all text-ok">{show(change.after)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p className="text-sm text-fg-muted">No field changes.</p>
                )}
              </section>
              <section>
                <h3 className="mb-1 text-sm font-medium">Live now</h3>
                <dl className="space-y-0.5 text-xs" data-testid="preview-context">
                  {preview.context.map((fact) => (
                    <div key={fact.label}>
                      <dt className="inline text-fg-muted">{fact.label}: </dt>
                      <dd className="inline font-mono">{fact.value}</dd>
                    </div>
                  ))}
                  {preview.checks.map((check) => (
                    <div key={check.check}>
                      <dt className="inline text-fg-muted">{check.check}: </dt>
                      <dd className="inline">
                        {check.verdict.toUpperCase()} {check.summary}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            </div>
            {!result && !preview.disabled ? (
              <form
                className="flex flex-wrap items-end gap-2 border-t border-border pt-3"
                onSubmit={(event) => {
                  event.preventDefault();
                  void execute();
                }}
              >
                <label className="min-w-0 max-w-full space-y-1 text-sm">
                  <span className="block">
                    Type <strong className="font-mono">{preview.target.confirmName}</strong> to confirm
                  </span>
                  <input autoFocus className="w-80 max-w-full rounded-md border border-border bg-surface px-2 py-1.5 font-mono text-sm" value={typed} onChange={(event) => setTyped(event.target.value)} name="confirm" autoComplete="off" />
                </label>
                <Button type="submit" variant="danger" disabled={typed !== preview.target.confirmName || phase !== "ready"}>
                  {phase === "executing" ? "Executing…" : OPERATION_TITLES[draft.kind]}
                </Button>
              </form>
            ) : null}
          </>
        ) : null}
        {result ? <Outcome operation={result.operation} message={result.message} duplicate={result.duplicate} verifying={phase === "verifying"} /> : null}
        <div className="flex justify-end">
          <Button type="button" variant="secondary" onClick={close}>
            Close
          </Button>
        </div>
      </div>
    </dialog>
  );
}

function Outcome({ operation, message, duplicate, verifying }: { operation: OperationView; message: string; duplicate: boolean; verifying: boolean }) {
  const tone = duplicate ? "info" : operation.outcome === "succeeded" ? "ok" : operation.outcome === "partial" ? "warn" : "fail";
  const verification = operation.verification;
  return (
    <div className="space-y-2" data-testid="operation-outcome">
      <Banner tone={tone} title={duplicate ? "Already done" : `Outcome: ${operation.outcome}`}>
        {message}
      </Banner>
      {verifying ? <p className="text-sm text-fg-muted">Verifying: re-running the checks until they pass (up to a minute)…</p> : null}
      {verification?.comparisons ? (
        <div data-testid="verify-result">
          <h3 className="text-sm font-medium">Verify: {verification.passed ? "passed" : "not passed"}</h3>
          <table className="w-full text-xs">
            <tbody>
              {verification.comparisons.map((c) => (
                <tr key={c.check} className="border-t border-border align-top">
                  <td className="py-1 pr-2">{c.passed ? "✓" : "✗"} {c.check}</td>
                  <td className="py-1 pr-2">{c.before ? `${c.before.verdict.toUpperCase()} ${c.before.summary}` : "—"}</td>
                  <td className="py-1">→ {c.after.verdict.toUpperCase()} {c.after.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** An executed operation: outcome, verification, who and when, and its undo (disabled with the reason when `refusalOf` says so). */
export function OperationItem({ operation, refusalOf, onUndo }: { operation: OperationView; refusalOf: (kind: OperationKind) => string | null; onUndo: (undo: UndoSuggestion) => void }) {
  const undoBlocked = operation.undo ? refusalOf(operation.undo.kind) : null;
  return (
    <li className="rounded-md border border-border p-3 text-sm" data-testid="operation-item">
      <div className="flex flex-wrap items-center gap-2">
        <strong>{operation.title}</strong>
        <span className="font-mono text-xs">{operation.target}</span>
        <span className={operation.outcome === "succeeded" ? "text-ok" : operation.outcome === "running" ? "text-fg-muted" : "text-fail"}>{operation.outcome}</span>
        {operation.verification?.passed !== undefined ? <span className={operation.verification.passed ? "text-ok" : "text-warn"}>verify {operation.verification.passed ? "passed" : "not passed"}</span> : null}
        <span className="ml-auto text-xs text-fg-muted">
          {operation.actor} · <LocalTime iso={operation.createdAt} />
        </span>
      </div>
      <p className="mt-1 text-fg-muted">{operation.message}</p>
      {operation.undo ? (
        <Button className="mt-2" variant="secondary" disabled={Boolean(undoBlocked)} title={undoBlocked ?? undefined} onClick={() => onUndo(operation.undo!)}>
          Undo: {operation.undo.summary}
        </Button>
      ) : null}
    </li>
  );
}
