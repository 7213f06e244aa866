import type { Finding } from "@/lib/health/types";
import { findProcedure } from "./catalogue";

/** A panel as suggestions need it: any panel of the health snapshot carrying findings. */
export interface PanelWithFindings {
  name: string;
  findings?: Finding[];
}

export interface Suggestion {
  /** the procedure id, e.g. "data-not-processing" */
  id: string;
  title: string;
  /** the findings behind it, e.g. "normalization-group lag 12,408 and growing → Data Not Processing" */
  reason: string;
  verdict: "warn" | "fail";
  panels: string[];
  /** the first pipeline service among the panels: the service a run started from here looks at */
  service: string | null;
}

/**
 * The procedures live health points at, from the panels' findings (the same judgements the
 * checks make), worst first. With `services`, service panels other than those are left out
 * (an incident about normalization-service is not told about enrichment-service); the
 * infrastructure panels always count. Pure.
 */
export function suggestProcedures(snapshot: { services: PanelWithFindings[]; systems: PanelWithFindings[] }, options: { services?: string[] } = {}): Suggestion[] {
  const wanted = options.services?.length ? new Set(options.services) : null;
  const servicePanels = snapshot.services.filter((panel) => !wanted || wanted.has(panel.name));
  const serviceNames = new Set(servicePanels.map((panel) => panel.name));
  const panels = [...servicePanels, ...snapshot.systems];
  const byProcedure = new Map<string, { reasons: string[]; verdict: "warn" | "fail"; panels: string[]; order: number }>();
  let order = 0;
  for (const panel of panels) {
    for (const finding of panel.findings ?? []) {
      if (!finding.procedure || !findProcedure(finding.procedure)) continue;
      const entry = byProcedure.get(finding.procedure) ?? { reasons: [], verdict: "warn" as const, panels: [], order: order++ };
      if (!entry.reasons.includes(finding.reason)) entry.reasons.push(finding.reason);
      if (!entry.panels.includes(panel.name)) entry.panels.push(panel.name);
      if (finding.verdict === "fail") entry.verdict = "fail";
      byProcedure.set(finding.procedure, entry);
    }
  }
  return [...byProcedure.entries()]
    .sort(([, a], [, b]) => (a.verdict === b.verdict ? a.order - b.order : a.verdict === "fail" ? -1 : 1))
    .map(([id, entry]) => {
      const title = findProcedure(id)!.title;
      return { id, title, reason: `${entry.reasons.join("; ")} → ${title}`, verdict: entry.verdict, panels: entry.panels, service: entry.panels.find((name) => serviceNames.has(name)) ?? null };
    });
}
