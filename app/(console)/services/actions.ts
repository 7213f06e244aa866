"use server";

import { action } from "@/lib/server/action";
import { captureHealth, captureHealthInput } from "@/lib/health/capture-health";
import { incidentRef } from "@/lib/incidents/types";

/** "Capture to incident": the panel's current state onto the incident's timeline. */
export const captureHealthAction = action({ name: "health.capture", permission: "incident:write", input: captureHealthInput }, async ({ actor, db, input }) => {
  const entry = await captureHealth({ db, actor, input });
  const incident = await db.incident.findUniqueOrThrow({ where: { id: input.incidentId }, select: { number: true } });
  return { entryId: entry.id, incident: incidentRef(incident.number) };
});
