import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const startedAt = Date.now();

/** Liveness: the process answers. Public (no session), says nothing about the database. */
export function GET() {
  return NextResponse.json({ status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
}
