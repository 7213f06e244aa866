import { apiRoute } from "@/lib/server/api-route";
import { healthSnapshot } from "@/lib/health/shared-collector";

export const dynamic = "force-dynamic";

/**
 * The overview's data: every catalog service and infrastructure system, from the shared
 * collector. Needs no database, so a signed-in responder keeps it while the console's own is down.
 */
export const GET = apiRoute({ name: "v1.health", permission: "console:read", readableWhileDatabaseDown: true }, () => healthSnapshot());
