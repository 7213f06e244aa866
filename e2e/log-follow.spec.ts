import { expect, test } from "@playwright/test";
import { STATE } from "./support";

test.use({ storageState: STATE.admin });

test("following logs stops after the server says why, instead of reconnecting forever", async ({ page }) => {
  const follows: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/logs?") && request.url().includes("follow=1")) follows.push(request.url());
  });
  await page.goto("/services/normalization-service");
  await page.getByRole("button", { name: "Follow" }).click();
  // This console has no cluster: the stream's first event is the error, and it is shown.
  await expect(page.getByText(/not configured: no kubeconfig/)).toBeVisible();
  // Chromium's EventSource would reconnect about every 3 s; give it time to try twice.
  await page.waitForTimeout(7_000);
  expect(follows).toHaveLength(1);
  await expect(page.getByText(/not configured: no kubeconfig/)).toBeVisible();
});
