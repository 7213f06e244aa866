import { expect, test } from "@playwright/test";
import { STATE } from "./support";

test.use({ storageState: STATE.admin });

test("pages carry a nonce-based Content-Security-Policy that the console's own scripts satisfy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) violations.push(message.text());
  });

  const response = await page.goto("/");
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Plain HTTP here: no HSTS (browsers ignore it over HTTP anyway).
  expect(headers["strict-transport-security"]).toBeUndefined();

  // The theme script carries the nonce (a blocked one would be a console violation, checked below) and React hydrated (the palette opens).
  expect(await page.locator("head script[nonce]").count()).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.keyboard.press("Control+k");
  await expect(page.getByPlaceholder("Type a page, a runbook procedure or an action…")).toBeVisible();
  await page.keyboard.press("Escape");

  for (const path of ["/incidents", "/services/normalization-service", "/runbooks", "/admin", "/admin/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading").first()).toBeVisible();
  }
  expect(violations).toEqual([]);
  // Another response, another nonce.
  const again = (await page.goto("/"))!.headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("a write with the session cookie is refused unless it comes from the console's own origin as JSON, and the refusal is audited", async ({ page }) => {
  await page.goto("/");
  const declare = { title: "Forged from another site", severity: "SEV4", services: [] };
  const noOrigin = await page.request.post("/api/v1/incidents", { data: declare });
  expect(noOrigin.status()).toBe(403);
  expect((await noOrigin.json()).error.message).toContain("same-origin");
  const otherSite = await page.request.post("/api/v1/incidents", { headers: { Origin: "https://evil.example" }, data: declare });
  expect(otherSite.status()).toBe(403);
  const textPlain = await page.request.post("/api/v1/incidents", {
    headers: { Origin: "http://localhost:3100", "Content-Type": "text/plain" },
    data: JSON.stringify(declare),
  });
  expect(textPlain.status()).toBe(400);
  const listed = await page.request.get("/api/v1/incidents?q=Forged");
  expect((await listed.json()).incidents).toEqual([]);

  await page.goto("/admin/audit?outcome=denied");
  await expect(page.getByRole("row").filter({ hasText: "cross-site or non-JSON write" }).first()).toBeVisible();
});
