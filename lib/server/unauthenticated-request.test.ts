import { describe, expect, it } from "vitest";
import { describeUnauthenticated } from "./unauthenticated-request";

const KEY = `ick_AbCdEfGh1234_${"s".repeat(43)}`;
const request = (headers: Record<string, string>) => new Request("http://localhost:3000/api/v1/incidents?q=x", { method: "POST", headers });

describe("what the audit log says about a 401", () => {
  it.each([
    [{}, "no credentials"],
    [{ authorization: `Bearer ${KEY}` }, "API key ick_AbCdEfGh1234… (unknown, revoked, expired, or its creator is disabled)"],
    [{ authorization: "Bearer not-a-key" }, "a Bearer token that is not a console API key"],
    [{ authorization: "Basic YWRhOnB3" }, `an Authorization header that is not "Bearer <API key>"`],
    [{ cookie: "theme=dark; __Secure-next-auth.session-token=eyJhbGciOi" }, "a session that has expired, is forged, or belongs to a disabled person"],
  ])("%o → %s", (headers, credentials) => {
    expect(describeUnauthenticated(request(headers), 0)).toEqual({ address: null, method: "POST", route: "/api/v1/incidents", credentials });
  });

  it("never carries the key's secret", () => {
    expect(JSON.stringify(describeUnauthenticated(request({ authorization: `Bearer ${KEY}` }), 0))).not.toContain("s".repeat(43));
  });

  it("names the connection's peer, not an address the client claims", () => {
    const described = describeUnauthenticated(request({ "x-console-peer-address": "203.0.113.9", "x-forwarded-for": "10.1.1.1" }), 0);
    expect(described.address).toBe("203.0.113.9");
  });
});
