/**
 * Where to go after signing in: only a path on this console. A pasted link such as
 * `/incidents/<id>` survives sign-in; anything that would leave the site (another origin,
 * `//host`, `/\host`, a path that normalises to `//host`, `javascript:`) becomes "/".
 */
export function safeCallbackPath(callbackUrl: string | null | undefined, origin: string): string {
  if (!callbackUrl) return "/";
  let url: URL;
  try {
    url = new URL(callbackUrl, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/x/..//evil.example" parses to the pathname "//evil.example", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return path;
}
