import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows only scripts with this response's nonce, no framing, images only from the console", () => {
    const policy = contentSecurityPolicy("abc123", { dev: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("img-src 'self' data: blob:");
    expect(policy).toContain("object-src 'none'");
    expect(contentSecurityPolicy("abc123", { dev: true })).toContain("'unsafe-eval'");
  });

  it("sends HSTS only over HTTPS, the rest always", () => {
    expect(securityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
    expect(securityHeaders({ https: false })).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Permissions-Policy": expect.stringContaining("camera=()") });
  });

  it("makes a different nonce every time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
