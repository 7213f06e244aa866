import { expect, test } from "@playwright/test";
import { screenshot } from "./screenshots";
import { lab, signIn } from "./support";

/**
 * From detection to incident in one click: a rate-limit storm turns normalization-service
 * degraded on the overview with the runbook's words and figure ("429s 12/s (for
 * trading-desk-a)"), the panel points at Rate Limiting Issues, and its "Declare" opens the
 * declare dialog prefilled with that reason and the service; declaring lands on the incident.
 */
test.afterAll(async () => {
  await lab(["heal"]);
});

test("a rate-limit storm is named on the overview, points at its procedure, and is declared in one click", async ({ page }) => {
  await signIn(page);
  const panel = page.locator('[data-panel="normalization-service"]');
  await expect(panel.locator("[data-status]").first()).toHaveAttribute("data-status", "ok", { timeout: 90_000 });
  await expect(panel.getByRole("button", { name: "Declare" })).toHaveCount(0);

  await lab(["fault", "rate-limit-storm"]);
  const reason = panel.locator("[data-reasons] li").filter({ hasText: /^429s [\d.]+\/s \(for trading-desk-a/ });
  await expect(reason).toBeVisible({ timeout: 12_000 });
  await expect(panel.locator("[data-status]").first()).toHaveAttribute("data-status", "degraded");
  await expect(panel.getByRole("link", { name: "Rate Limiting Issues" })).toHaveAttribute("href", "/runbooks/rate-limiting-issues");
  await screenshot(page, "detection-rate-limit-storm", { fullPage: true });

  await panel.getByRole("button", { name: "Declare" }).click();
  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  await expect(dialog.getByLabel("What is happening?")).toHaveValue(/^normalization-service degraded: 429s [\d.]+\/s \(for trading-desk-a/);
  await expect(dialog.getByRole("checkbox", { name: "normalization-service" })).toBeChecked();
  await dialog.getByRole("button", { name: "Declare", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/[\w-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/normalization-service degraded: 429s/);

  // Back on the overview, the open incident covers the service: no second "Declare".
  await page.goto("/");
  await expect(panel.locator("[data-reasons] li").filter({ hasText: /^429s/ })).toBeVisible({ timeout: 12_000 });
  await expect(panel.getByRole("button", { name: "Declare" })).toHaveCount(0);

  await lab(["heal", "rate-limit-storm"]);
  await expect(panel.locator("[data-status]").first()).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
});
