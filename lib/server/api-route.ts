import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { unauthenticatedAudit } from "@/lib/audit/unauthenticated-audit";
import { env } from "@/lib/config/env";
import type { Actor } from "@/lib/auth/actor";
import { currentApiActor, sessionViewerWhileDatabaseDown } from "@/lib/auth/current-actor";
import { can, lowestRoleWith, type Permission } from "@/lib/auth/roles";
import { observeRequest } from "@/lib/observability/metrics";
import { crossSiteRefusal } from "./cross-site";
import { toPublicError } from "./report-error";
import { describeUnauthenticated } from "./unauthenticated-request";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Every `/api/v1` route goes through here: an API key (Bearer) or a session, the role check
 * on the server, cookie-session writes only from the console's own pages (cross-site.ts),
 * JSON errors `{error: {code, message}}` with 400/401/403/404/409, metrics.
 */
export function apiRoute<T>(
  options: {
    name: string;
    permission: Permission;
    /**
     * The route needs no database (live health): while the console's database is unreachable
     * a signed-in session may still read it, as a viewer (sessionViewerWhileDatabaseDown).
     */
    readableWhileDatabaseDown?: boolean;
  },
  handler: (context: { actor: Actor; db: Db; request: Request; params: Record<string, string | string[]> }) => Promise<T | Response>,
) {
  return async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      const actor = await currentApiActor().catch(async (error: unknown) => {
        const sessionOnly = !request.headers.get("authorization");
        const viewer = options.readableWhileDatabaseDown && sessionOnly && isDatabaseUnavailable(error) ? await sessionViewerWhileDatabaseDown() : null;
        if (!viewer) throw error;
        return viewer;
      });
      if (!actor) {
        await auditUnauthenticated(request);
        throw new AppError("unauthenticated", "Send a valid API key as 'Authorization: Bearer ick_…', or sign in.");
      }
      const db = getDb();
      // Cookie sessions only (an API key is not sent by a browser on its own).
      const crossSite = actor.kind === "user" ? crossSiteRefusal(request) : null;
      if (crossSite) {
        await recordAudit(db, { actor, action: options.name, outcome: "denied", detail: `cross-site or non-JSON write: ${crossSite.userMessage}` });
        throw crossSite;
      }
      if (!can(actor.role, options.permission)) {
        await recordAudit(db, { actor, action: options.name, outcome: "denied", detail: `needs ${options.permission}` });
        throw new AppError("forbidden", `This needs the ${lowestRoleWith(options.permission)} role or above; you have ${actor.role}.`);
      }
      const result = await handler({ actor, db, request, params: (await routeContext?.params) ?? {} });
      response = result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const mapped = toPublicError(error, `api ${options.name}`);
      response = NextResponse.json({ error: { code: mapped.error.code, message: mapped.error.message } }, { status: mapped.status });
    }
    observeRequest(options.name, request.method, response.status, (performance.now() - started) / 1000);
    return response;
  };
}

/**
 * A 401 leaves a trace (aggregated per address, lib/audit/unauthenticated-audit.ts); the
 * answer stays 401 even when the audit cannot be written (the database is down).
 */
async function auditUnauthenticated(request: Request) {
  try {
    await unauthenticatedAudit.record(getDb(), describeUnauthenticated(request, env().TRUST_PROXY_HOPS));
  } catch (error) {
    console.error("[audit] a refused request could not be recorded:", (error as Error).message);
  }
}

/** Parses a JSON body with a zod schema, as a 400 with the first problem when it does not fit. */
export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid body.");
  }
  return parsed.data;
}
