import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api-route";
import { consoleBaseUrl } from "@/lib/server/base-url";
import { escalateIncident, escalateInput } from "@/lib/incidents/escalate-incident";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ name: "v1.incidents.escalate", permission: "incident:write" }, async ({ actor, db, params, request }) => {
  const input = await readJson(request, escalateInput);
  const handoff = await escalateIncident({ db, actor, incidentId: String(params.id), input, baseUrl: consoleBaseUrl() });
  return NextResponse.json(
    { fromLevel: handoff.fromLevel, toLevel: handoff.toLevel, packet: handoff.packet, note: handoff.note, ackDeadline: handoff.ackDeadline.toISOString() },
    { status: 201 },
  );
});
