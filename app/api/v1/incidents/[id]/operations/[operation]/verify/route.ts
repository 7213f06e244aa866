import { z } from "zod";
import { verifyOperation } from "@/lib/operations/verify-operation";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const dynamic = "force-dynamic";

const body = z.object({ waitSeconds: z.number().int().min(0).max(120).default(0) }).strict();

/** Re-runs the operation's checks (optionally until they pass, at most waitSeconds) and records before/after. */
export const POST = apiRoute({ name: "v1.incidents.operations.verify", permission: "incident:write" }, async ({ actor, db, params, request }) => {
  const { waitSeconds } = await readJson(request, body);
  return verifyOperation({ db, actor, incidentId: String(params.id), operationId: String(params.operation), waitSeconds });
});
