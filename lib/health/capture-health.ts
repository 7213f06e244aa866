import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordEvidence } from "@/lib/incidents/record-evidence";
import { incidentRef, type EvidenceData } from "@/lib/incidents/types";
import type { PanelHealth } from "./collector";
import { healthSnapshot } from "./shared-collector";
import type { HealthStatus } from "./types";

export const captureHealthInput = z.object({
  incidentId: z.string().min(1, { message: "Choose an incident" }),
  name: z.string().regex(/^[a-z0-9-]+$/, { message: "Not a service or system name" }),
});

const VERDICT: Record<HealthStatus, EvidenceData["verdict"]> = { ok: "ok", degraded: "warn", down: "fail", unknown: "error", not_configured: "skipped" };

/**
 * "Capture to incident": freezes a panel's current state (status, reasons, figures, when it
 * was checked) into the incident's timeline as evidence, through the one evidence path.
 */
export async function captureHealth(options: { db: Db; actor: Actor; input: z.output<typeof captureHealthInput> }) {
  const { db, actor, input } = options;
  const snapshot = await healthSnapshot();
  const panel: PanelHealth | undefined = [...snapshot.services, ...snapshot.systems].find((candidate) => candidate.name === input.name);
  if (!panel) throw new AppError("not_found", `No service or system named ${input.name} in the catalog.`);
  const incident = await db.incident.findUnique({ where: { id: input.incidentId }, select: { number: true } });
  if (!incident) throw new AppError("not_found", "No such incident.");
  // The state, not the sparklines: what a responder later reads is what the panel said.
  const frozen = { name: panel.name, status: panel.status, reasons: panel.reasons, figures: panel.figures, checkedAt: panel.checkedAt, ms: panel.ms };
  const entry = await recordEvidence({
    db,
    actor,
    incidentId: input.incidentId,
    evidence: {
      check: `health.${panel.name}`,
      verdict: VERDICT[panel.status],
      summary: `${panel.status.replace("_", " ")}${panel.reasons.length ? `: ${panel.reasons.join("; ")}` : ""} (checked ${panel.checkedAt})`,
      detail: frozen,
    },
  });
  return { entryId: entry.id, incident: incidentRef(incident.number) };
}
