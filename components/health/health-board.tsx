"use client";

import { useQuery } from "@tanstack/react-query";
import type { HealthSnapshot, PanelHealth } from "@/lib/health/collector";
import { DeclareIncidentDialog } from "@/components/incidents/declare-incident-dialog";
import { Banner } from "@/components/ui/banner";
import { formatAge } from "./figures";
import { HealthPanel } from "./health-panel";
import { StatusLegend } from "./status-legend";
import { useNow } from "./use-now";

async function fetchHealth(): Promise<HealthSnapshot> {
  const response = await fetch("/api/v1/health", { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `the console answered HTTP ${response.status}`);
  }
  return response.json();
}

/**
 * The overview's live panels. Every open overview polls the shared snapshot (the server
 * probes once for all viewers). Panels keep the catalog's order so
 * they stay where a responder's eyes expect them; the line on top names what is broken.
 */
export function HealthBoard({
  initial,
  refreshMs = 2_000,
  procedureTitles = {},
  declare,
}: {
  initial: HealthSnapshot;
  refreshMs?: number;
  procedureTitles?: Record<string, string>;
  /** when the viewer may declare: the subjects to offer and those an open incident already covers */
  declare?: { subjects: string[]; covered: string[] };
}) {
  const query = useQuery({ queryKey: ["health"], queryFn: fetchHealth, initialData: initial, refetchInterval: refreshMs, retry: false });
  const now = useNow();
  const snapshot = query.data;
  const broken = [...snapshot.services, ...snapshot.systems].filter((panel) => panel.status === "down" || panel.status === "degraded");
  // From detection to incident in one click: a non-ok panel no open incident covers offers
  // "Declare", prefilled with what it says.
  const declareFor = (panel: PanelHealth) =>
    declare && (panel.status === "down" || panel.status === "degraded" || (panel.status === "unknown" && panel.findings.length > 0)) && !declare.covered.includes(panel.name) ? (
      // No key from the reason: the figures in it change every poll, and a remount would close
      // the dialog under the responder's hands. The title is prefilled once, when it opens.
      <DeclareIncidentDialog
        services={declare.subjects}
        label="Declare"
        size="sm"
        prefill={{ title: `${panel.name} ${panel.status}: ${panel.findings[0]?.reason ?? panel.reasons[0] ?? "not ok"}`.slice(0, 200), services: [panel.name] }}
      />
    ) : undefined;
  return (
    <div className="space-y-6">
      {query.isError ? (
        <Banner tone="warn" title="Could not refresh the panels">
          {query.error.message}. What you see is from {formatAge(now - query.dataUpdatedAt)}; retrying every {refreshMs / 1000} s.
        </Banner>
      ) : null}
      <p className="text-sm" role="status" aria-live="polite">
        {broken.length ? (
          <span className="font-semibold text-fail">{broken.map((panel) => `${panel.name} ${panel.status}`).join(" · ")}</span>
        ) : (
          <span className="text-ok">No service or system is down or degraded.</span>
        )}
      </p>
      <StatusLegend />
      <section aria-labelledby="services-heading" className="space-y-3">
        <h2 id="services-heading" className="text-base font-semibold">Services</h2>
        <div className="grid gap-4 md:grid-cols-2">
          {snapshot.services.map((panel) => (
            <HealthPanel key={panel.name} panel={panel} now={now} href={`/services/${panel.name}`} procedureTitles={procedureTitles} action={declareFor(panel)} />
          ))}
        </div>
      </section>
      <section aria-labelledby="systems-heading" className="space-y-3">
        <h2 id="systems-heading" className="text-base font-semibold">Infrastructure</h2>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {snapshot.systems.map((panel) => (
            <HealthPanel key={panel.name} panel={panel} now={now} procedureTitles={procedureTitles} action={declareFor(panel)} />
          ))}
        </div>
      </section>
    </div>
  );
}
