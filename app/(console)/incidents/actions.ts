"use server";

import { z } from "zod";
import { action } from "@/lib/server/action";
import { consoleBaseUrl } from "@/lib/server/base-url";
import { acknowledgeHandoff } from "@/lib/incidents/acknowledge-handoff";
import { addNote, addNoteInput } from "@/lib/incidents/add-note";
import { changeStatus, changeStatusInput } from "@/lib/incidents/change-status";
import { declareIncident, declareIncidentInput } from "@/lib/incidents/declare-incident";
import { editNote, editNoteInput } from "@/lib/incidents/edit-note";
import { escalateIncident, escalateInput } from "@/lib/incidents/escalate-incident";
import { tickChecklist, tickChecklistInput } from "@/lib/incidents/tick-checklist";

const onIncident = <T extends z.ZodRawShape>(shape: T) => z.object({ incidentId: z.string().min(1), ...shape });

export const declareIncidentAction = action({ name: "incident.declare", permission: "incident:write", input: declareIncidentInput }, async ({ actor, db, input }) => {
  const incident = await declareIncident({ db, actor, input, baseUrl: consoleBaseUrl() });
  return { id: incident.id, number: incident.number };
});

export const addNoteAction = action({ name: "incident.note.add", permission: "incident:write", input: onIncident(addNoteInput.shape) }, async ({ actor, db, input }) => {
  const { incidentId, ...note } = input;
  return (await addNote({ db, actor, incidentId, input: note })).entry;
});

export const editNoteAction = action({ name: "incident.note.edit", permission: "incident:write", input: onIncident(editNoteInput.shape) }, async ({ actor, db, input }) => {
  const { incidentId, ...edit } = input;
  return editNote({ db, actor, incidentId, input: edit });
});

export const changeStatusAction = action({ name: "incident.status", permission: "incident:write", input: onIncident(changeStatusInput.shape) }, async ({ actor, db, input }) => {
  const incident = await changeStatus({ db, actor, incidentId: input.incidentId, input: { status: input.status } });
  return { status: incident.status };
});

export const escalateAction = action({ name: "incident.escalate", permission: "incident:write", input: onIncident(escalateInput.shape) }, async ({ actor, db, input }) => {
  const { incidentId, ...escalation } = input;
  const handoff = await escalateIncident({ db, actor, incidentId, input: escalation, baseUrl: consoleBaseUrl() });
  return { toLevel: handoff.toLevel };
});

export const acknowledgeAction = action({ name: "incident.acknowledge", permission: "incident:write", input: onIncident({}) }, async ({ actor, db, input }) =>
  acknowledgeHandoff({ db, actor, incidentId: input.incidentId }),
);

export const tickChecklistAction = action({ name: "incident.checklist", permission: "incident:write", input: onIncident(tickChecklistInput.shape) }, async ({ actor, db, input }) => {
  const { incidentId, ...tick } = input;
  const item = await tickChecklist({ db, actor, incidentId, input: tick });
  return { id: item.id, done: Boolean(item.doneAt) };
});
