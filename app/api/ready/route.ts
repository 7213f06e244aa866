import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the database is reachable and migrated, else 503. Public so that a
 * load balancer or kubelet can probe it; it reveals states, never hosts or error text.
 */
export async function GET() {
  const readiness = await checkReadiness();
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "not_ready", checks: readiness.checks, pendingMigrations: readiness.pendingMigrations },
    { status: readiness.ready ? 200 : 503 },
  );
}
