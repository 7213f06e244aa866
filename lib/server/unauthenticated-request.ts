import { parseApiKey } from "@/lib/api-keys/api-key-format";
import type { UnauthenticatedRequest } from "@/lib/audit/unauthenticated-audit";
import { clientAddress } from "@/lib/auth/client-address";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/**
 * What the audit log says about a request refused with 401: where it came from (the same
 * address the sign-in throttle uses) and what it sent instead of valid credentials. Never
 * the secret itself: an API key is named by its public prefix only.
 */
export function describeUnauthenticated(request: Request, trustedHops: number): UnauthenticatedRequest {
  const headers = request.headers;
  const authorization = headers.get("authorization");
  let credentials = "no credentials";
  if (authorization) {
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
    const key = bearer ? parseApiKey(bearer[1]!) : null;
    credentials = !bearer
      ? `an Authorization header that is not "Bearer <API key>"`
      : key
        ? `API key ick_${key.prefix}… (unknown, revoked, expired, or its creator is disabled)`
        : "a Bearer token that is not a console API key";
  } else if (SESSION_COOKIE.test(headers.get("cookie") ?? "")) {
    credentials = "a session that has expired, is forged, or belongs to a disabled person";
  }
  return {
    address: clientAddress({ peer: headers.get("x-console-peer-address"), forwardedFor: headers.get("x-forwarded-for"), trustedHops }),
    method: request.method,
    route: new URL(request.url).pathname.slice(0, 200),
    credentials,
  };
}
