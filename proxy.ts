import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

/**
 * The first gate: no page or API route is served without a session or an API key, except
 * those listed here. It only checks that credentials are present and the session token is
 * valid; each page, action and route then checks the user and role on the server.
 */
const PUBLIC_PATHS = ["/signin", "/setup", "/api/auth", "/api/health", "/api/ready"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname)) return NextResponse.next();

  const isApi = pathname.startsWith("/api/");
  // API keys are verified by the route itself (lib/server/api-route.ts), against the database.
  if (isApi && request.headers.get("authorization")?.startsWith("Bearer ")) return NextResponse.next();

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();

  if (isApi) {
    return NextResponse.json(
      { error: { code: "unauthenticated", message: "Send a valid API key as 'Authorization: Bearer ick_…', or sign in." } },
      { status: 401 },
    );
  }
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but Next's own static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
