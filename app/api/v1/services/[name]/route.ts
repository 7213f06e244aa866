import { apiRoute } from "@/lib/server/api-route";
import { serviceDetail } from "@/lib/health/service-detail";

export const dynamic = "force-dynamic";

/** The service page's data: panel, pods, usage, events, lag, tables, Helm history, charts. */
export const GET = apiRoute({ name: "v1.services.get", permission: "console:read" }, ({ params }) => serviceDetail(String(params.name)));
