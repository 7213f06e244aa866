import { expect, test } from "@playwright/test";
import { STATE } from "./support";

test.use({ storageState: STATE.admin });

test("declaring while the console cannot be reached keeps what was typed, says so, and goes through once it is back", async ({ page }) => {
  await page.goto("/");
  // Server actions are POSTs with a Next-Action header: refuse their connections, as a restarting server would.
  let refused = 0;
  let reachable = false;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"] && !reachable) {
      refused++;
      return route.abort("connectionrefused");
    }
    return route.continue();
  });

  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByLabel("What is happening?").fill("Declared across a restart");
  await page.getByRole("radio", { name: /^SEV3/ }).check();
  await page.getByLabel("What is happening?").press("Enter");

  await expect(page.getByText("The console is unreachable — your input is kept; retrying…")).toBeVisible();
  await expect(page.getByLabel("What is happening?")).toHaveValue("Declared across a restart");
  await expect.poll(() => refused).toBeGreaterThanOrEqual(2);

  reachable = true;
  await expect(page.getByRole("heading", { name: "Declared across a restart" })).toBeVisible({ timeout: 20_000 });
});
