import { execFile } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";

/**
 * The responder's first look, against the lab: the overview shows normalization-service
 * going down within 15 seconds of `lab fault crashloop`, a capture freezes that state into
 * an incident's timeline, and `lab heal` brings the panel back to ok.
 */
const L1 = { email: "lena.lab@254carbon.com", password: "lab-journey-password-1" };

function lab(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("npx", ["tsx", "lab/cli.ts", ...args], { timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(L1.email);
  await page.getByLabel("Password").fill(L1.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

const statusOf = (page: Page, name: string) => page.locator(`[data-panel="${name}"] [data-status]`).first();

test.afterAll(async () => {
  await lab(["heal"]);
});

test("overview: every system of the runbook has a panel, from live data", async ({ page }) => {
  await signIn(page);
  for (const name of ["normalization-service", "enrichment-service", "kubernetes", "kafka", "clickhouse", "postgresql", "redis", "prometheus", "grafana", "jaeger", "elasticsearch"]) {
    await expect(page.locator(`[data-panel="${name}"]`)).toBeVisible();
  }
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "ok", { timeout: 60_000 });
  await expect(statusOf(page, "kafka")).toHaveAttribute("data-status", "ok");
  await expect(statusOf(page, "grafana")).toHaveAttribute("data-status", "not_configured");
  await expect(page.locator('[data-panel="normalization-service"]')).toContainText(/processed/);
  await page.screenshot({ path: "docs/screenshots/overview-lab.png", fullPage: true });
});

test("service page: pods, logs with a filter, lag per partition, tables, Helm history", async ({ page }) => {
  await signIn(page);
  await page.locator('[data-panel="enrichment-service"]').getByRole("link", { name: "enrichment-service" }).click();
  await expect(page).toHaveURL(/\/services\/enrichment-service$/);
  const pods = page.getByRole("region", { name: "Pods" });
  await expect(pods.getByRole("row").filter({ hasText: /enrichment-service-.*Running.*1\/1/ })).toHaveCount(1);
  await expect(pods).toContainText(/Mi \/ \d+ Mi/); // usage against the limit, from metrics-server
  const lag = page.getByRole("region", { name: "Consumer lag (enrichment-group)" });
  await expect(lag.getByRole("row").filter({ hasText: "normalized-ticks" }).first()).toBeVisible();
  await expect(lag).toContainText("Stable");
  await expect(page.getByRole("region", { name: "ClickHouse tables" })).toContainText("default.market_ticks");
  await expect(page.getByRole("region", { name: "Helm release" }).getByRole("cell", { name: "failed" }).first()).toBeVisible();

  const logs = page.getByLabel("enrichment-service logs");
  await expect(logs).toContainText(/enrichment-service/);
  await page.getByRole("combobox", { name: "Log filter" }).selectOption("ERROR");
  await expect(page.getByText(/matching "ERROR" lines/)).toBeVisible();
  for (const line of await logs.locator("div").allTextContents()) expect(line.toLowerCase()).toContain("error");
  await page.screenshot({ path: "docs/screenshots/service-page.png", fullPage: false });
});

test("crashloop: down within 15 s, captured to an incident, ok again after heal", async ({ page }) => {
  await signIn(page);
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "ok", { timeout: 60_000 });

  await lab(["fault", "crashloop"]);
  const injected = Date.now();
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "down", { timeout: 15_000 });
  expect(Date.now() - injected).toBeLessThan(15_000);
  const panel = page.locator('[data-panel="normalization-service"]');
  await expect(panel.locator("[data-reasons]")).toContainText(/pods ready|CrashLoopBackOff|\/health/);
  // The rest of the page is unaffected.
  await expect(statusOf(page, "kafka")).toHaveAttribute("data-status", "ok");
  await page.screenshot({ path: "docs/screenshots/overview-crashloop.png", fullPage: true });

  // Declare, then capture the service's state from its page.
  const declared = await page.request.post("/api/v1/incidents", { data: { title: "normalization-service crash-looping", severity: "SEV2", services: ["normalization-service"] } });
  expect(declared.status()).toBe(201);
  const incident = (await declared.json()) as { id: string; number: number };
  await panel.getByRole("link", { name: "normalization-service" }).click();
  await expect(page.getByRole("heading", { name: "normalization-service" })).toBeVisible();
  await page.getByLabel("Incident").selectOption({ label: `INC-${incident.number} · normalization-service crash-looping` });
  await page.getByRole("button", { name: "Capture to incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Captured to" })).toHaveText(`Captured to INC-${incident.number}.`);

  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByText(/FAIL health\.normalization-service/)).toBeVisible();

  await lab(["heal"]);
  await page.goto("/");
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "ok", { timeout: 90_000 });
});
