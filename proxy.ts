import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/server/security-headers";

/**
 * The first gate: no page or API route is served without a session or an API key, except
 * those listed here. It only checks that credentials are present and the session token is
 * valid; each page, action and route then checks the user and role on the server.
 */
const PUBLIC_PATHS = ["/signin", "/setup", "/api/auth", "/api/health", "/api/ready"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * Every response gets the security headers; pages get a Content-Security-Policy with a
 * fresh nonce, passed on in the request headers so Next.js and the root layout can put it
 * on their scripts.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const secure = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", policy);
    for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
    return response;
  };
  const pass = () => {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", policy);
    return secure(NextResponse.next({ request: { headers } }));
  };
  return gate(request, pass, secure);
}

async function gate(request: NextRequest, pass: () => NextResponse, secure: (response: NextResponse) => NextResponse): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname)) return pass();

  const isApi = pathname.startsWith("/api/");
  // API keys are verified by the route itself (lib/server/api-route.ts), against the database.
  if (isApi && request.headers.get("authorization")?.startsWith("Bearer ")) return pass();

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return pass();

  if (isApi) {
    return secure(NextResponse.json(
      { error: { code: "unauthenticated", message: "Send a valid API key as 'Authorization: Bearer ick_…', or sign in." } },
      { status: 401 },
    ));
  }
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return secure(NextResponse.redirect(signIn));
}

export const config = {
  // Everything but Next's own static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
