import { runStepRoute } from "@/lib/diagnosis/api-routes";

export const dynamic = "force-dynamic";

export const POST = runStepRoute;
