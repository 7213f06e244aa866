import { apiRoute } from "@/lib/server/api-route";
import { acknowledgeHandoff } from "@/lib/incidents/acknowledge-handoff";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ name: "v1.incidents.ack", permission: "incident:write" }, async ({ actor, db, params }) =>
  acknowledgeHandoff({ db, actor, incidentId: String(params.id) }),
);
