import { expect, test } from "@playwright/test";
import { screenshot } from "./screenshots";
import { lab, signIn, statusOf } from "./support";

/**
 * The responder's first look, against the lab: the overview shows normalization-service
 * going down within 15 seconds of `lab fault crashloop`, a capture freezes that state into
 * an incident's timeline, and `lab heal` brings the panel back to ok.
 */
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
  // the lab's elasticsearch-0 is OpenSearch (Jaeger's span storage): a live green cluster
  await expect(statusOf(page, "elasticsearch")).toHaveAttribute("data-status", "ok");
  await expect(page.locator('[data-panel="elasticsearch"]')).toContainText(/cluster lab green/);
  await expect(page.locator('[data-panel="normalization-service"]')).toContainText(/processed/);
  await screenshot(page, "overview-lab", { fullPage: true });
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
  // A fresh pod may have logged no ERROR yet: bad prices make enrichment-service log some
  // ("data quality check failed"), so the filter has lines to find.
  await lab(["fault", "bad-prices"]);
  const filter = page.getByRole("combobox", { name: "Log filter" });
  // The viewer reloads its tail every few seconds: read one whole list at a time, and retry
  // until one shows lines — every one of them matching, at least one (an empty list would
  // pass the loop).
  await expect(async () => {
    await filter.selectOption("TLS"); // switching away and back fetches the tail again
    await filter.selectOption("ERROR");
    await expect(page.getByText(/matching "ERROR" lines/)).toBeVisible({ timeout: 2_000 });
    await expect(logs.locator("div").first()).toBeVisible({ timeout: 2_000 });
    const lines = await logs.locator("div").allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.toLowerCase()).toContain("error");
  }).toPass({ timeout: 30_000 });
  await screenshot(page, "service-page");
  await lab(["heal", "bad-prices"]);
});

// How fast the panel turns is measured by `npm run bench -- detection`; here: it does, in the fault's words.
test("crashloop: down, captured to an incident, ok again after heal", async ({ page }) => {
  await signIn(page);
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "ok", { timeout: 60_000 });

  await lab(["fault", "crashloop"]);
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "down", { timeout: 15_000 });
  const panel = page.locator('[data-panel="normalization-service"]');
  // Words only the fault shows: "1/1 pods ready" is the healthy panel's.
  await expect(panel.locator("[data-reasons]")).toContainText(/\/health unreachable|0\/\d pods ready|CrashLoopBackOff/);
  // The rest of the page is unaffected.
  await expect(statusOf(page, "kafka")).toHaveAttribute("data-status", "ok");
  await screenshot(page, "overview-crashloop", { fullPage: true });

  // Declare, then capture the service's state from its page.
  const declared = await page.request.post("/api/v1/incidents", { headers: { Origin: new URL(page.url()).origin }, data: { title: "normalization-service crash-looping", severity: "SEV2", services: ["normalization-service"] } });
  expect(declared.status()).toBe(201);
  const incident = (await declared.json()) as { id: string; number: number };
  await panel.getByRole("link", { name: "normalization-service" }).click();
  await expect(page.getByRole("heading", { name: "normalization-service" })).toBeVisible();
  await page.getByLabel("Incident", { exact: true }).selectOption({ label: `INC-${incident.number} · normalization-service crash-looping` });
  await page.getByRole("button", { name: "Capture to incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Captured to" })).toHaveText(`Captured to INC-${incident.number}.`);

  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByText(/FAIL health\.normalization-service/)).toBeVisible();

  await lab(["heal"]);
  await page.goto("/");
  await expect(statusOf(page, "normalization-service")).toHaveAttribute("data-status", "ok", { timeout: 90_000 });
});
