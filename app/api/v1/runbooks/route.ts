import { listRunbooksRoute } from "@/lib/diagnosis/api-routes";

export const dynamic = "force-dynamic";

export const GET = listRunbooksRoute;
