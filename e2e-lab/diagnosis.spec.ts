import { screenshot } from "./screenshots";
import { lab, signIn } from "./support";
import { expect, test, type Browser, type Page } from "@playwright/test";

/**
 * Guided diagnosis against the lab, in the browser: the overview suggests Data Not Processing
 * for a stalled consumer and the run puts the lag on the timeline; a crash loop's describe and
 * previous logs become evidence, the escalation's hand-off packet lists the run and L2
 * resumes it in another browser; a rate-limit storm shows in the metrics and the Redis keys,
 * then the resolution is ticked onto the timeline. Screenshots of runs go to test-results/
 * (docs/screenshots/diagnosis-*.png, the README's, only with UPDATE_SCREENSHOTS=1).
 */
const USERS = { l1: "lena.lab@254carbon.com", l2: "sam.lab@254carbon.com" } as const;

async function newSession(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function declare(page: Page, title: string, services: string[]): Promise<string> {
  const declared = await page.request.post("/api/v1/incidents", { headers: { Origin: new URL(page.url()).origin }, data: { title, severity: "SEV2", services } });
  expect(declared.status()).toBe(201);
  return ((await declared.json()) as { id: string }).id;
}

/** Runs the step the view shows and waits for its result. */
async function runShownStep(page: Page, step: string) {
  const view = page.getByTestId("step-view");
  await expect(view).toHaveAttribute("data-step", step);
  await view.getByTestId("run-step").click();
  await expect(view.getByTestId("step-result").first()).toBeVisible({ timeout: 20_000 });
  await expect(view.getByTestId("step-result").first().locator("[data-verdict]")).toBeVisible();
}

test.afterEach(async () => {
  await lab(["heal"]);
});

test("Data Not Processing: consumer stall → the overview suggests it → run → lag evidence on the timeline", async ({ page }) => {
  test.setTimeout(300_000);
  await lab(["fault", "consumer-stall"]);
  await signIn(page, USERS.l1);
  const suggestion = page.getByTestId("suggestions-card").locator('[data-procedure="data-not-processing"]');
  await expect(suggestion).toContainText(/normalization-group lag [\d,]+ and growing .*→ Data Not Processing/, { timeout: 30_000 });
  // Diagnose once the lag is past the check's warning threshold (1,000), as a responder paged for it would.
  await expect(suggestion).toContainText(/normalization-group lag \d{1,3}(,\d{3})+ and growing/, { timeout: 180_000 });
  await suggestion.getByRole("link", { name: "Diagnose" }).click();

  await expect(page.getByRole("heading", { name: "Data Not Processing" })).toBeVisible();
  await page.getByTestId("start-from-runbook").getByLabel("Incident title").fill("Ticks not processed: normalization-group lag growing");
  await page.getByTestId("declare-and-diagnose").click();
  await expect(page).toHaveURL(/\/incidents\/[^/?]+\?run=/);

  const view = page.getByTestId("step-view");
  await expect(view).toHaveAttribute("data-step", "check-kafka-topic-lag");
  await expect(view.getByTestId("step-command")).toContainText("kafka-consumer-groups.sh");
  await page.locator("body").press("Enter"); // Enter runs the suggested step
  const result = view.getByTestId("step-result").first();
  await expect(result.locator("[data-verdict]")).toHaveAttribute("data-verdict", /warn|fail/, { timeout: 20_000 });
  await expect(result.getByTestId("step-summary")).toContainText(/lag [\d,]+/);
  await expect(view.getByTestId("verdict-meaning")).toBeVisible();
  await expect(view.getByTestId("next-step")).toContainText(/Next: Check service metrics — lag [\d,]+ and the consumers are behind/);
  await expect(page.getByTestId("run-map").locator('[data-status="done"]')).toHaveCount(1);

  const evidence = page.locator('[data-kind="evidence"]').filter({ hasText: "kafka.consumer-group-describe" });
  await expect(evidence).toContainText(/(WARN|FAIL) kafka\.consumer-group-describe: .*lag/);
  await expect(evidence.getByTestId("evidence-detail")).toContainText("Data Not Processing › Check Kafka topic lag");
  await screenshot(page, "diagnosis-data-not-processing");
});

test("Service Not Starting: crash loop → describe and previous logs as evidence → hand-off lists the run → L2 resumes it in another browser", async ({ page, browser }) => {
  await lab(["fault", "crashloop"]);
  await signIn(page, USERS.l1);
  const id = await declare(page, "normalization-service down: CrashLoopBackOff", ["normalization-service"]);
  await page.waitForTimeout(8_000); // a restart or two
  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnosis-panel");
  await panel.getByLabel("Procedure").selectOption("service-not-starting");
  await panel.getByTestId("start-run").click();

  await runShownStep(page, "check-pod-events");
  await expect(page.getByTestId("step-result").first().locator("[data-verdict]")).toHaveAttribute("data-verdict", /warn|fail/);
  await expect(page.getByTestId("step-summary").first()).toContainText(/CrashLoopBackOff|restart|Error/i);
  await expect(page.getByTestId("next-step")).toContainText("Next: Read the crashed container's log");
  await page.getByTestId("next-step").getByRole("button").click();
  await runShownStep(page, "previous-logs");
  await expect(page.getByTestId("step-result").first().getByTestId("log-excerpt")).toBeVisible();
  await expect(page.locator('[data-kind="evidence"]').filter({ hasText: "kubernetes.describe-pod" })).toBeVisible();
  await expect(page.locator('[data-kind="evidence"]').filter({ hasText: "kubernetes.logs" })).toBeVisible();
  await screenshot(page, "diagnosis-service-not-starting");

  await page.getByRole("button", { name: "Escalate to L2" }).click();
  const dialog = page.getByRole("dialog", { name: "Escalate L1 → L2" });
  await dialog.getByLabel("What do you need from L2?").fill("Pod crashes at start; previous log attached. Please continue the run.");
  await dialog.getByRole("button", { name: "Escalate to L2" }).click();
  await expect(dialog).toBeHidden();

  const l2 = await newSession(browser, USERS.l2);
  await l2.goto(`/incidents/${id}`);
  await l2.getByText(/Hand-off packet L1 → L2/).click();
  const packet = l2.getByTestId("handoff-packet");
  await expect(packet).toContainText("Guided diagnosis runs");
  await expect(packet).toContainText("Service Not Starting");
  await expect(packet).toContainText(/Check pod events/);
  await expect(packet).toContainText(/Next: Check resource usage/);
  // L2 resumes where L1 stopped: the run view opens on the pending step.
  await expect(l2.getByTestId("step-view")).toHaveAttribute("data-step", "check-resource-usage");
  await runShownStep(l2, "check-resource-usage");
  await expect(l2.locator('[data-kind="evidence"]').filter({ hasText: "kubernetes.top-pods" })).toContainText("sam.lab@254carbon.com");
  await screenshot(l2, "diagnosis-l2-resumes", { fullPage: true });
  // L1's page follows live.
  await expect(page.getByTestId("run-map").locator('[data-status="done"]')).toHaveCount(3, { timeout: 15_000 });
  await l2.context().close();
});

test("Rate Limiting Issues: storm → metrics and Redis keys → the resolution ticked onto the timeline", async ({ page }) => {
  await lab(["fault", "rate-limit-storm"]);
  await signIn(page, USERS.l1);
  const id = await declare(page, "429s for trading-desk-a", ["normalization-service"]);
  await page.waitForTimeout(5_000);
  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnosis-panel");
  await panel.getByLabel("Procedure").selectOption("rate-limiting-issues");
  await panel.getByTestId("start-run").click();

  await runShownStep(page, "check-rate-limit-metrics");
  await expect(page.getByTestId("step-result").first().locator("[data-verdict]")).toHaveAttribute("data-verdict", "warn");
  await expect(page.getByTestId("step-summary").first()).toContainText(/429s [\d.]+\/s \(for trading-desk-a\)/);
  await page.getByTestId("next-step").getByRole("button").click();
  await runShownStep(page, "check-redis-rate-limit-data");
  await expect(page.getByTestId("step-summary").first()).toContainText(/rate_limit:\* keys/);
  await page.getByTestId("next-step").getByRole("button").click();
  await runShownStep(page, "check-service-logs");
  await page.getByTestId("next-step").getByRole("button").click();
  await page.getByTestId("answer-known-client").click();
  await expect(page.getByTestId("next-step")).toContainText("Next: Resolution — ask the client to back off");
  await page.getByTestId("next-step").getByRole("button").click();
  await expect(page.getByTestId("step-view")).toHaveAttribute("data-step", "resolve");
  const view = page.getByTestId("step-view");
  await view.getByLabel("Implement backoff strategies").check();
  await view.getByLabel("Check for abuse").check();
  await view.getByTestId("record-ticks").click();
  await expect(page.locator('[data-kind="checklist"]').filter({ hasText: "Done: Implement backoff strategies (Rate Limiting Issues, guided diagnosis)" })).toBeVisible();
  await expect(page.locator('[data-kind="evidence"]').filter({ hasText: "redis.rate-limit-keys" })).toBeVisible();
  await screenshot(page, "diagnosis-rate-limiting", { fullPage: true });
});
