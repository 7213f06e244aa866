import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api-route";
import { consoleBaseUrl } from "@/lib/server/base-url";
import { declareIncident, declareIncidentInput } from "@/lib/incidents/declare-incident";
import { incidentFilters, listIncidents } from "@/lib/incidents/list-incidents";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ name: "v1.incidents.list", permission: "console:read" }, async ({ db, request }) => {
  const parsed = incidentFilters.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  return listIncidents(db, parsed.data);
});

/**
 * Declares an incident: 201. With an idempotency key (the `Idempotency-Key` header or the
 * body's `idempotencyKey`), a repeat by the same caller answers 200 with the incident the
 * first request created.
 */
export const POST = apiRoute({ name: "v1.incidents.declare", permission: "incident:write" }, async ({ actor, db, request }) => {
  const body = await readJson(request, declareIncidentInput);
  const header = request.headers.get("idempotency-key") ?? undefined;
  if (header !== undefined && body.idempotencyKey !== undefined && header !== body.idempotencyKey) {
    throw new AppError("bad_request", "The Idempotency-Key header and the body's idempotencyKey differ: send one of them.");
  }
  const input = { ...body, idempotencyKey: header ?? body.idempotencyKey };
  const incident = await declareIncident({ db, actor, input, baseUrl: consoleBaseUrl() });
  return NextResponse.json(
    { id: incident.id, number: incident.number, title: incident.title, severity: incident.severity, status: incident.status, level: incident.level, services: incident.services },
    { status: incident.repeated ? 200 : 201 },
  );
});
