import { apiRoute, readJson } from "@/lib/server/api-route";
import { changeStatus, changeStatusInput } from "@/lib/incidents/change-status";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ name: "v1.incidents.status", permission: "incident:write" }, async ({ actor, db, params, request }) => {
  const input = await readJson(request, changeStatusInput);
  const incident = await changeStatus({ db, actor, incidentId: String(params.id), input });
  return { id: incident.id, status: incident.status, resolvedAt: incident.resolvedAt?.toISOString() ?? null };
});
