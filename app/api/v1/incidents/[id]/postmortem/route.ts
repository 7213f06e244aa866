import { apiRoute } from "@/lib/server/api-route";
import { requireIncident } from "@/lib/incidents/incident-api";
import { postmortemMarkdown } from "@/lib/incidents/postmortem";
import { incidentRef } from "@/lib/incidents/types";

export const dynamic = "force-dynamic";

/** The postmortem draft as a Markdown download, built from the whole timeline. */
export const GET = apiRoute({ name: "v1.incidents.postmortem", permission: "console:read" }, async ({ db, params }) => {
  const detail = await requireIncident(db, String(params.id), { limit: 500 });
  let timeline = detail.timeline;
  for (let before = detail.olderThan; before; ) {
    const older = await requireIncident(db, String(params.id), { limit: 500, before: BigInt(before) });
    timeline = timeline.concat(older.timeline);
    before = older.olderThan;
  }
  const markdown = postmortemMarkdown({ incident: detail.incident, timeline, handoffs: detail.handoffs });
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${incidentRef(detail.incident.number)}-postmortem.md"`,
    },
  });
});
