import { z } from "zod";
import { apiRoute } from "@/lib/server/api-route";
import { incidentJson, requireIncident } from "@/lib/incidents/incident-api";
import { TIMELINE_KINDS, type TimelineKind } from "@/lib/incidents/types";
import { AppError } from "@/lib/errors";
import { timelineEntryId } from "@/lib/incidents/timeline-cursor";

export const dynamic = "force-dynamic";

const query = z.object({
  before: timelineEntryId("must be a timeline entry id").optional(),
  kinds: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",") : []))
    .pipe(z.array(z.enum(TIMELINE_KINDS as [TimelineKind, ...TimelineKind[]]))),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** One page of the timeline, newest first; `before` an entry id for older ones. */
export const GET = apiRoute({ name: "v1.incidents.timeline", permission: "console:read" }, async ({ db, params, request }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"} (before: an entry id; kinds: a comma-separated list of timeline kinds; limit: 1–500).`);
  }
  const detail = await requireIncident(db, String(params.id), {
    before: parsed.data.before ? BigInt(parsed.data.before) : undefined,
    kinds: parsed.data.kinds,
    limit: parsed.data.limit,
  });
  const json = incidentJson(detail);
  return { timeline: json.timeline, olderThan: json.olderThan };
});
