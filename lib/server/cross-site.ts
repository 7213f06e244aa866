import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A browser attaches the session cookie to any request a page on another site makes: a
 * `<form method=post enctype=text/plain>` needs no preflight. So a cookie-authenticated write
 * must come from the console's own pages: a same-origin `Origin` (browsers always send it on
 * POST) and a JSON body, if it has one, (which another site cannot send without a CORS preflight the console
 * never grants). API keys are exempt: a script has no ambient cookie to be tricked with.
 * Returns the refusal, or null when the request may proceed.
 */
export function crossSiteRefusal(request: Request): AppError | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let sameOrigin = false;
  try {
    sameOrigin = Boolean(origin && host && new URL(origin).host === host);
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) {
    return new AppError("forbidden", "Writes with a session cookie must come from the console's own pages (same-origin Origin header). Scripts: use an API key (Authorization: Bearer ick_…).");
  }
  const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  // A write with no body at all (pressing a step, acknowledging) has nothing to type.
  const bodiless = !contentType && !request.headers.get("transfer-encoding") && Number(request.headers.get("content-length") ?? 0) === 0;
  if (!bodiless && contentType !== "application/json") {
    return new AppError("bad_request", "Send the body as JSON (Content-Type: application/json).");
  }
  return null;
}
