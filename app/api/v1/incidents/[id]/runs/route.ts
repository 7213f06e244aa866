import { listRunsRoute, startRunRoute } from "@/lib/diagnosis/api-routes";

export const dynamic = "force-dynamic";

export const GET = listRunsRoute;
export const POST = startRunRoute;
