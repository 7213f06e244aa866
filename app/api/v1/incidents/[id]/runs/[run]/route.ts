import { getRunRoute } from "@/lib/diagnosis/api-routes";

export const dynamic = "force-dynamic";

export const GET = getRunRoute;
