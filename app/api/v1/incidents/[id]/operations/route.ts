import { NextResponse } from "next/server";
import { executeOperation } from "@/lib/operations/execute-operation";
import { listOperations } from "@/lib/operations/list-operations";
import { previewOperation } from "@/lib/operations/preview-operation";
import { operationRequest } from "@/lib/operations/request";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const dynamic = "force-dynamic";

/** What was done on the incident: outcome, changes, prior state, undo, verification. */
export const GET = apiRoute({ name: "v1.incidents.operations.list", permission: "console:read" }, async ({ db, params }) => ({
  operations: await listOperations({ db, incidentId: String(params.id) }),
}));

/**
 * `{kind, target, params, dryRun: true}` → 200 preview; `{…, confirm, idempotencyKey}` →
 * 201 with the operation, or 200 with the first one when the key was executed before. The
 * operation's own level is checked inside (403, audited).
 */
export const POST = apiRoute({ name: "v1.incidents.operations", permission: "incident:write" }, async ({ actor, db, params, request }) => {
  const body = await readJson(request, operationRequest);
  const incidentId = String(params.id);
  if (body.dryRun) return previewOperation({ db, actor, incidentId, request: body });
  const result = await executeOperation({ db, actor, incidentId, request: body });
  return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
});
