import { apiRoute } from "@/lib/server/api-route";
import { incidentJson, requireIncident } from "@/lib/incidents/incident-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ name: "v1.incidents.get", permission: "console:read" }, async ({ db, params }) =>
  incidentJson(await requireIncident(db, String(params.id))),
);
