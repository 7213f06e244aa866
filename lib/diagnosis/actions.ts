"use server";

import { z } from "zod";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { action } from "@/lib/server/action";
import { consoleBaseUrl } from "@/lib/server/base-url";
import { runStep, runStepInput } from "./run-step";
import { startRun, startRunInput } from "./start-run";

/** The step view's server actions: the same use cases and permission as the API. */
export const startRunAction = action(
  { name: "diagnosis.start", permission: "diagnosis:run", input: startRunInput.extend({ incidentId: z.string().min(1) }) },
  async ({ actor, db, input }) => startRun({ db, actor, incidentId: input.incidentId, input: { procedure: input.procedure, service: input.service } }),
);

/** A press without progress; the step view presses through the step route instead, which streams it (step-stream.ts). */
export const runStepAction = action(
  { name: "diagnosis.step", permission: "diagnosis:run", input: runStepInput.extend({ incidentId: z.string().min(1), runId: z.string().min(1), stepId: z.string().min(1) }) },
  async ({ actor, db, input }) => {
    const { incidentId, runId, stepId, ...step } = input;
    return runStep({ db, actor, incidentId, runId, stepId, input: step });
  },
);

/** From a runbook page with no incident open: declare one and start the procedure on it. */
export const declareAndDiagnoseAction = action(
  {
    name: "diagnosis.declare-and-start",
    permission: "diagnosis:run",
    input: z.object({ procedure: z.string().min(1), title: z.string().trim().min(3, { message: "Give the incident a title of a few words" }).max(200), severity: z.enum(["SEV1", "SEV2", "SEV3", "SEV4"]), services: z.array(z.string()).default([]) }),
  },
  async ({ actor, db, input }) => {
    const incident = await declareIncident({ db, actor, baseUrl: consoleBaseUrl(), input: { title: input.title, severity: input.severity, services: input.services } });
    // The run looks at the incident's service when it names exactly one (startRun's default).
    const run = await startRun({ db, actor, incidentId: incident.id, input: { procedure: input.procedure } });
    return { incidentId: incident.id, runId: run.id };
  },
);
