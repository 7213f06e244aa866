"use server";

import { z } from "zod";
import { action } from "@/lib/server/action";
import { consoleBaseUrl } from "@/lib/server/base-url";
import { declareAndDiagnose, declareAndDiagnoseInput } from "./declare-and-diagnose";
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

/** From a runbook page with no incident open: declare one and start the procedure on it (once per key). */
export const declareAndDiagnoseAction = action(
  { name: "diagnosis.declare-and-start", permission: "diagnosis:run", input: declareAndDiagnoseInput },
  async ({ actor, db, input }) => declareAndDiagnose({ db, actor, baseUrl: consoleBaseUrl(), input }),
);
