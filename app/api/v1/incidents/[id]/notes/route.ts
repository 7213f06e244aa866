import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api-route";
import { addNote, addNoteInput } from "@/lib/incidents/add-note";

export const dynamic = "force-dynamic";

/** 201 with the new entry; 200 with the existing one when the idempotency key was seen. */
export const POST = apiRoute({ name: "v1.incidents.note", permission: "incident:write" }, async ({ actor, db, params, request }) => {
  const input = await readJson(request, addNoteInput);
  const result = await addNote({ db, actor, incidentId: String(params.id), input });
  return NextResponse.json(result.entry, { status: result.created ? 201 : 200 });
});
