import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ADMIN, STATE } from "./support";

test("a fresh console sends the first visitor to set-up, which creates the administrator and signs them in", async ({ page, request }) => {
  // Before anyone exists, the API still refuses strangers.
  const api = await request.get("/api/v1/me");
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("API key") } });

  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up the incident console" })).toBeVisible();

  // A mistake is explained and nothing typed is lost.
  await page.getByLabel("Set-up token").fill("not-the-printed-token");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Repeat password").fill("something else");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);

  await page.getByLabel("Repeat password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  // Reaching /setup first is not enough: it takes the token `npm start` printed.
  await expect(page.getByText("That is not this console's set-up token.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);

  const token = (await readFile(".e2e-data/setup-token", "utf8")).trim();
  await page.getByLabel("Set-up token").fill(token);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.email);
  await expect(page.getByTestId("current-role")).toHaveText("Administrator");
  await page.context().storageState({ path: STATE.admin });

  // Set-up is closed for good once an account exists.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
});
