"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { startRunAction } from "../actions";
import { PROCEDURE_CATALOGUE } from "../catalogue";
import type { Suggestion } from "../suggest-procedures";
import type { RunJson } from "../types";
import { RunView } from "./run-view";

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`The console answered ${response.status}`);
  return response.json() as Promise<T>;
}

/**
 * Guided diagnosis on the incident page: procedures suggested from live health (with the
 * reason), a picker for any procedure, and the incident's runs. Queries sit under the
 * incident's key, so the page's live stream refreshes them for every viewer.
 */
export function DiagnosisPanel({ incidentId, canRun, initialProcedure }: { incidentId: string; canRun: boolean; initialProcedure?: string }) {
  const queryClient = useQueryClient();
  const runs = useQuery({ queryKey: ["incident", incidentId, "runs"], queryFn: () => getJson<{ runs: RunJson[] }>(`/api/v1/incidents/${incidentId}/runs`), refetchInterval: 15_000 });
  const suggestions = useQuery({ queryKey: ["incident", incidentId, "suggestions"], queryFn: () => getJson<{ procedures: Suggestion[] }>(`/api/v1/incidents/${incidentId}/suggestions`), refetchInterval: 10_000 });
  const [picked, setPicked] = useState(initialProcedure ?? "");
  // ?run=<id>: arriving from a runbook page or a panel's Diagnose with that run open.
  const [openRun, setOpenRun] = useState<string | null>(useSearchParams().get("run"));
  const [message, setMessage] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const list = runs.data?.runs ?? [];
  const shown = list.find((run) => run.id === openRun) ?? list.findLast((run) => run.state === "active") ?? list.at(-1);

  const start = async (procedure: string, service?: string | null) => {
    setStarting(true);
    setMessage(null);
    const outcome = await startRunAction({ incidentId, procedure, ...(service ? { service } : {}) });
    setStarting(false);
    if (!outcome.ok) return setMessage(outcome.error.message);
    const started = outcome.value;
    setOpenRun(started.id);
    // The run is shown at once. A read of the runs that began before it existed (the page's
    // first, when it is slow) would otherwise answer for it: an invalidation joins a first
    // read still under way instead of reading again. So: cancel that read, then read again.
    const key = ["incident", incidentId, "runs"];
    await queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<{ runs: RunJson[] }>(key, (old) => ({ runs: [...(old?.runs ?? []).filter((run) => run.id !== started.id), started] }));
    await queryClient.invalidateQueries({ queryKey: key });
  };

  return (
    <section className="space-y-3 rounded-lg border border-border bg-surface-raised p-4" aria-labelledby="diagnosis-heading" data-testid="diagnosis-panel">
      <h2 id="diagnosis-heading" className="text-lg font-semibold">Guided diagnosis</h2>
      {suggestions.data?.procedures.length ? (
        <ul className="space-y-1" data-testid="suggestions">
          {suggestions.data.procedures.map((suggestion) => (
            <li key={suggestion.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className={suggestion.verdict === "fail" ? "text-fail" : "text-warn"}>{suggestion.reason}</span>
              {canRun ? <Button variant="secondary" className="px-2 py-1" disabled={starting} onClick={() => void start(suggestion.id, suggestion.service)}>Diagnose</Button> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canRun ? (
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="procedure-picker">Procedure</label>
          <select id="procedure-picker" value={picked} onChange={(event) => setPicked(event.target.value)} className="min-w-0 max-w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm">
            <option value="">Choose a procedure…</option>
            {PROCEDURE_CATALOGUE.map((procedure) => (
              <option key={procedure.id} value={procedure.id}>{procedure.kind === "emergency" ? "Emergency: " : ""}{procedure.title}</option>
            ))}
          </select>
          <Button disabled={!picked || starting} onClick={() => void start(picked)} data-testid="start-run">Start diagnosis</Button>
        </div>
      ) : null}
      {message ? <p role="alert" className="text-sm text-warn">{message}</p> : null}
      {list.length > 1 ? (
        <nav className="flex flex-wrap gap-1 text-xs" aria-label="Runs">
          {list.map((run) => (
            <button key={run.id} type="button" onClick={() => setOpenRun(run.id)} className={`rounded border border-border px-2 py-0.5 ${run.id === shown?.id ? "bg-surface-sunken" : ""}`}>
              {run.title} ({run.state})
            </button>
          ))}
        </nav>
      ) : null}
      {shown ? <RunView key={shown.id} incidentId={incidentId} run={shown} canRun={canRun} /> : !list.length && runs.isSuccess ? <p className="text-sm text-fg-muted">No diagnosis run on this incident yet.</p> : null}
    </section>
  );
}
