import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./cross-site";

const request = (method: string, headers: Record<string, string>) => new Request("http://console.internal:3000/api/v1/incidents", { method, headers });
const same = { host: "console.internal:3000", origin: "http://console.internal:3000", "content-type": "application/json" };

describe("crossSiteRefusal (cookie-session writes)", () => {
  it("lets reads through and same-origin JSON writes", () => {
    expect(crossSiteRefusal(request("GET", { host: same.host }))).toBeNull();
    expect(crossSiteRefusal(request("POST", same))).toBeNull();
    expect(crossSiteRefusal(request("POST", { ...same, "content-type": "application/json; charset=utf-8" }))).toBeNull();
    expect(crossSiteRefusal(request("POST", { host: same.host, origin: same.origin }))).toBeNull();
  });

  it.each([
    ["no Origin", { host: same.host, "content-type": "application/json" }, "forbidden"],
    ["another site's Origin", { ...same, origin: "https://evil.example" }, "forbidden"],
    ["a look-alike port", { ...same, origin: "http://console.internal:3001" }, "forbidden"],
    ["a malformed Origin", { ...same, origin: "null" }, "forbidden"],
    ["text/plain (a form another site can post)", { ...same, "content-type": "text/plain" }, "bad_request"],
    ["a url-encoded form", { ...same, "content-type": "application/x-www-form-urlencoded" }, "bad_request"],
    ["a body without a content type", { host: same.host, origin: same.origin, "content-length": "12" }, "bad_request"],
  ])("refuses %s", (_what, headers, code) => {
    expect(crossSiteRefusal(request("POST", headers))).toMatchObject({ code });
  });
});
