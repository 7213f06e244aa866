import { apiRoute } from "@/lib/server/api-route";
import { metrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/** Prometheus exposition of the console's own metrics; scrape with an API key (bearer_token). */
export const GET = apiRoute({ name: "metrics", permission: "console:read" }, async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
});
