import { expect, test } from "@playwright/test";
import { ACCOUNTS, ADMIN, signIn } from "./support";

test("an unauthenticated visitor is sent to sign in, then back to the page they asked for", async ({ page }) => {
  await page.goto("/admin/audit?outcome=denied");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Faudit%3Foutcome%3Ddenied$/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?outcome=denied$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});

test("a viewer is refused the admin page (403), and the refusal is audited", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.viewer.email, ACCOUNTS.viewer.password);
  await expect(page).toHaveURL(/\/$/);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("You do not have access to this page (403)")).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await expect(admin).toHaveURL(/\/$/);
  await admin.goto("/admin/audit?outcome=denied");
  const row = admin.getByRole("row").filter({ hasText: ACCOUNTS.viewer.email }).filter({ hasText: "page.view" });
  await expect(row.first()).toContainText("needs admin:users");
  await admin.close();
});

test("API keys: 401 without one, 200 with one made in the Admin page, 401 again once revoked", async ({ page, request }) => {
  expect((await request.get("/api/v1/me")).status()).toBe(401);
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/v1/me", { headers: { Authorization: "Bearer ick_not_a_key" } })).status()).toBe(401);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/admin");
  await page.getByLabel("Key name").fill("e2e-script");
  await page.getByLabel("Key role").selectOption("viewer");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^ick_/);

  const headers = { Authorization: `Bearer ${key}` };
  const me = await request.get("/api/v1/me", { headers });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: "api-key", name: "e2e-script", role: "viewer", permissions: ["console:read"] });
  const metrics = await request.get("/api/metrics", { headers });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toContain("console_http_requests_total");

  // Revoking asks first, saying what will stop working.
  await page.reload();
  await page.getByRole("row").filter({ hasText: "e2e-script" }).getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("gets 401 Unauthorized");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row").filter({ hasText: "e2e-script" })).toContainText("revoked");
  expect((await request.get("/api/v1/me", { headers })).status()).toBe(401);
});

test("the command palette opens with Ctrl-K and jumps to a runbook procedure", async ({ page }) => {
  await signIn(page, ACCOUNTS.l1.email, ACCOUNTS.l1.password);
  await expect(page).toHaveURL(/\/$/);
  await page.keyboard.press("Control+k");
  await page.getByPlaceholder("Type a page, a runbook procedure or an action…").fill("consumer lag");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/runbooks\/consumer-lag$/);
  await expect(page.getByRole("heading", { name: "Consumer Lag" })).toBeVisible();
  await expect(page.getByText("kafka-consumer-groups.sh").first()).toBeVisible();
});
