import { expect, test, type Page } from "@playwright/test";
import { STATE } from "./support";

test.use({ storageState: STATE.admin });

/**
 * The first server action submitted reaches the server and is committed, but its answer never
 * arrives (a reset connection): the client must retry the same request. `count` says how many
 * answers were lost.
 */
async function loseFirstActionAnswer(page: Page): Promise<{ count: number }> {
  const lost = { count: 0 };
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"] && lost.count === 0) {
      lost.count++;
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  return lost;
}

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

test("a declaration whose answer was lost is retried by the client and makes one incident", async ({ page }) => {
  await page.goto("/");
  // The first submit reaches the server and is committed; its answer never arrives (a reset
  // connection), so the client retries the same declaration.
  const lost = await loseFirstActionAnswer(page);

  const title = `Declared once despite a lost answer ${Date.now()}`;
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByLabel("What is happening?").fill(title);
  await page.getByLabel("What is happening?").press("Enter");
  await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 20_000 });
  expect(lost.count).toBe(1);

  const listed = await page.request.get(`/api/v1/incidents?q=${encodeURIComponent(title)}`);
  expect(listed.status()).toBe(200);
  expect((await listed.json()).incidents.map((incident: { title: string }) => incident.title)).toEqual([title]);
});

test("declare and diagnose from a runbook page whose answer was lost is retried and makes one incident with one run", async ({ page }) => {
  await page.goto("/runbooks/high-memory-usage");
  // The first submit is committed (incident and run); its answer is lost, so the client repeats it with the same key.
  const lost = await loseFirstActionAnswer(page);

  const title = `Diagnosed once despite a lost answer ${Date.now()}`;
  const form = page.getByTestId("start-from-runbook");
  await form.getByLabel("Incident title").fill(title);
  await form.getByTestId("declare-and-diagnose").click();
  await expect(page).toHaveURL(/\/incidents\/[^/?]+\?run=/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  expect(lost.count).toBe(1);

  const listed = await page.request.get(`/api/v1/incidents?q=${encodeURIComponent(title)}`);
  const incidents = ((await listed.json()) as { incidents: { id: string; title: string }[] }).incidents;
  expect(incidents.map((incident) => incident.title)).toEqual([title]);
  const runs = await page.request.get(`/api/v1/incidents/${incidents[0]!.id}/runs`);
  expect(((await runs.json()) as { runs: { procedure: string }[] }).runs.map((run) => run.procedure)).toEqual(["high-memory-usage"]);
});
