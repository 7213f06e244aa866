/**
 * The response headers that keep the browser from doing what the console never asks for.
 * Pure, so proxy.ts (every page and route) and the unit tests share one definition.
 *
 * Scripts: only those carrying this response's nonce (Next.js puts it on its own scripts
 * when it finds the nonce in the request's Content-Security-Policy header; the layout puts it
 * on the theme script), plus what they load ('strict-dynamic'). No inline handlers, no eval
 * (except `next dev`, whose React refresh needs it). Styles allow 'unsafe-inline': React
 * style attributes and Next's font CSS need it, and styles cannot run script.
 * Images only from the console itself (a note cannot make every viewer's browser call out).
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()";

/** Headers for every response; HSTS only when the browser reached us over HTTPS (browsers ignore it otherwise). */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: a fresh nonce per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
