import "server-only";
import { NextResponse } from "next/server";
import { isOperationStepBody, runOperationStep } from "@/lib/operations/run-operation-step";
import { apiRoute, readJson } from "@/lib/server/api-route";
import { getRun, listRuns } from "./get-run";
import { getSuggestions } from "./get-suggestions";
import { runbooksJson } from "./runbooks-json";
import { runStep, runStepInput } from "./run-step";
import { startRun, startRunInput } from "./start-run";
import { wantsEventStream } from "./step-stream";
import { streamedStep } from "./step-stream-response";

/**
 * The guided-diagnosis API (/api/v1/runbooks, /api/v1/incidents/:id/runs…, …/suggestions):
 * handlers live with the feature, app/api/ only mounts them. Viewers read; running needs
 * `diagnosis:run` (L1 and up), the same check as the UI's server actions.
 */
export const listRunbooksRoute = apiRoute({ name: "v1.runbooks.list", permission: "console:read" }, async () => runbooksJson());

export const listRunsRoute = apiRoute({ name: "v1.runs.list", permission: "console:read" }, async ({ actor, db, params }) => ({ runs: await listRuns({ db, incidentId: String(params.id), viewer: actor.role }) }));

export const startRunRoute = apiRoute({ name: "v1.runs.start", permission: "diagnosis:run" }, async ({ actor, db, params, request }) => {
  const input = await readJson(request, startRunInput);
  return NextResponse.json(await startRun({ db, actor, incidentId: String(params.id), input }), { status: 201 });
});

export const getRunRoute = apiRoute({ name: "v1.runs.get", permission: "console:read" }, async ({ actor, db, params }) => getRun({ db, incidentId: String(params.id), runId: String(params.run), viewer: actor.role }));

/** The body as JSON, or null (readJson below answers a malformed body with a 400). */
function parsedOrNull(body: string): unknown {
  try {
    return body.trim() ? JSON.parse(body) : null;
  } catch {
    return null;
  }
}

export const runStepRoute = apiRoute({ name: "v1.runs.step", permission: "diagnosis:run" }, async ({ actor, db, params, request }) => {
  // An empty body is a plain press of the step (no parameters, no answer).
  const body = await request.text();
  // An operation step is previewed ({dryRun}) and confirmed ({confirm, idempotencyKey}) by lib/operations.
  const json = parsedOrNull(body);
  if (isOperationStepBody(json)) {
    const outcome = await runOperationStep({ db, actor, incidentId: String(params.id), runId: String(params.run), stepId: String(params.step), body: json as Record<string, unknown> });
    return "duplicate" in outcome ? NextResponse.json(outcome, { status: outcome.duplicate ? 200 : 201 }) : outcome;
  }
  const input = body.trim() ? await readJson(new Request(request.url, { method: "POST", body }), runStepInput) : {};
  const press = { db, actor, incidentId: String(params.id), runId: String(params.run), stepId: String(params.step), input };
  // Accept: text/event-stream: progress while the step runs (the step view), then the same result.
  if (wantsEventStream(request)) return streamedStep((onProgress) => runStep({ ...press, onProgress }));
  return runStep(press);
});

export const suggestionsRoute = apiRoute({ name: "v1.incidents.suggestions", permission: "console:read" }, async ({ db, params }) => {
  const { procedures } = await getSuggestions({ db, incidentId: String(params.id) });
  return { procedures: procedures.map(({ id, title, reason, verdict, panels, service }) => ({ id, title, reason, verdict, panels, service })) };
});

/** GET /api/v1/suggestions[?service=<name>]: the same suggestions without an incident (overview, service page). */
export const globalSuggestionsRoute = apiRoute({ name: "v1.suggestions", permission: "console:read" }, async ({ db, request }) => {
  const service = new URL(request.url).searchParams.get("service") ?? undefined;
  return getSuggestions({ db, service });
});
