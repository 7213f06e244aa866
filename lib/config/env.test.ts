import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("accepts an empty environment with defaults (the embedded database, port 3000)", () => {
    const result = parseEnv({});
    expect(result).toMatchObject({ ok: true, env: { PORT: 3000, DATA_DIR: ".data", TRUST_PROXY_HOPS: 0 } });
    expect(result.ok && result.env.DATABASE_URL).toBeUndefined();
  });

  it("names the variable and shows a valid example for each bad value", () => {
    const result = parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT .*for example 3000/),
        expect.stringMatching(/^DATABASE_URL .*for example postgresql:\/\//),
        expect.stringMatching(/^NEXTAUTH_SECRET .*openssl rand/),
      ]),
    );
  });

  it("requires the OIDC variables together", () => {
    const result = parseEnv({ OIDC_ISSUER: "https://sso.example.com" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.some((error) => error.startsWith("OIDC_CLIENT_ID "))).toBe(true);
      expect(result.errors.some((error) => error.startsWith("OIDC_CLIENT_SECRET "))).toBe(true);
    }
    expect(parseEnv({ OIDC_ISSUER: "https://sso.example.com", OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "s" }).ok).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" })).toMatchObject({ ok: true, env: { PORT: 3000 } });
  });

  it("replaces TRUST_PROXY with a hop count and says so", () => {
    const result = parseEnv({ TRUST_PROXY: "true" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringMatching(/^TRUST_PROXY is replaced by TRUST_PROXY_HOPS.*TRUST_PROXY_HOPS=1/)]);
    expect(parseEnv({ TRUST_PROXY_HOPS: "2" })).toMatchObject({ ok: true, env: { TRUST_PROXY_HOPS: 2 } });
    expect(parseEnv({ TRUST_PROXY_HOPS: "-1" }).ok).toBe(false);
  });
});
