import { expect, test } from "@playwright/test";
import { DOWN_URL } from "../playwright.config";

test.use({ baseURL: DOWN_URL });

test("with its database down at start, the console says so instead of failing", async ({ page, request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(503);
  expect(await ready.json()).toMatchObject({ status: "not_ready", checks: { database: "unreachable" } });

  await page.goto("/signin");
  await expect(page.getByText("The console's database is unreachable")).toBeVisible();
  await page.getByLabel("Email").fill("someone@254carbon.com");
  await page.getByLabel("Password").fill("any password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Sign-in is unavailable: the console's database is unreachable.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("someone@254carbon.com");
});
