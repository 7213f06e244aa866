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

  // The theme script ran (it carries the nonce) and React hydrated (the palette opens).
  expect(await page.locator("head script[nonce]").count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.dataset.themeChoice)).toBeTruthy();
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
