import { execFile } from "node:child_process";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { screenshot } from "./screenshots";
import { lab, labEnvironment, signIn } from "./support";

/**
 * The runbook's resolutions done from the guided diagnosis against the lab: the overview
 * suggests Data Not Processing for a stalled consumer, the run leads an L1 to the restart
 * of normalization-service, done after the preview and a typed confirmation, and the lag
 * drains on the verify step; Deployment Failures leads to a Helm rollback that L1 and L2
 * are refused and L3 does (at phone width), after which `helm history` holds the rollback.
 */
const USERS = { l1: "lena.lab@254carbon.com", l2: "sam.lab@254carbon.com", l3: "pia.lab@254carbon.com" } as const;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

async function signInAs(page: Page, role: keyof typeof USERS) {
  await page.context().clearCookies();
  await signIn(page, USERS[role]);
}

/** From the overview's suggestion to a run on a new incident: Diagnose → the runbook page → Declare and diagnose. */
async function diagnoseFromOverview(page: Page, procedure: string, reason: RegExp, title: string) {
  const suggestion = page.getByTestId("suggestions-card").locator(`[data-procedure="${procedure}"]`);
  await expect(suggestion).toContainText(reason, { timeout: 180_000 });
  await suggestion.getByRole("link", { name: "Diagnose" }).click();
  await page.getByTestId("start-from-runbook").getByLabel("Incident title").fill(title);
  await page.getByTestId("declare-and-diagnose").click();
  await expect(page).toHaveURL(/\/incidents\/[^/?]+\?run=/);
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

const doneSteps = (page: Page) => page.getByTestId("run-map").locator('[data-status="done"]');

/** Enter runs the suggested check (the page's keyboard path); waits until the run has one more step done. */
async function enterRunsSuggested(page: Page, step: string) {
  const done = await doneSteps(page).count();
  await expect(page.getByTestId("run-map").locator(`[data-status="current"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid="run-map"] button[data-status="current"]`)).toContainText(new RegExp(step));
  await page.locator("body").press("Enter");
  await expect(doneSteps(page)).toHaveCount(done + 1, { timeout: 30_000 });
}

/** Opens the suggested next step from the result's "Next:" line. */
async function goNext(page: Page, title: string) {
  const next = page.getByTestId("next-step");
  await expect(next).toContainText(`Next: ${title}`);
  await next.getByRole("button", { name: title }).click();
}

function verifyRow(view: Locator, step: string) {
  return view.getByTestId("step-result").first().locator("tr", { hasText: step });
}

test.afterAll(async () => {
  await lab(["heal"]);
});

test("consumer stall → Data Not Processing → L1 restarts normalization-service from the run after preview and typed confirmation → lag drains on the verify step", async ({ page }) => {
  test.setTimeout(420_000);
  await lab(["fault", "consumer-stall"]);
  await signInAs(page, "l1");
  // Diagnose once the lag is past the check's warning threshold (1,000), as a responder paged for it would.
  await diagnoseFromOverview(page, "data-not-processing", /normalization-group lag \d{1,3}(,\d{3})+ and growing .*→ Data Not Processing/, "Ticks stuck behind a stalled consumer: normalization-group lag growing");

  const view = page.getByTestId("step-view");
  await expect(view).toHaveAttribute("data-step", "check-kafka-topic-lag");
  await enterRunsSuggested(page, "Check Kafka topic lag");
  await expect(view.getByTestId("step-result").first().locator("[data-verdict]").first()).toHaveAttribute("data-verdict", /warn|fail/);
  await enterRunsSuggested(page, "Check service metrics");
  await enterRunsSuggested(page, "Review error logs");
  await enterRunsSuggested(page, "Check ClickHouse tables");
  await goNext(page, "Recent change?");
  await view.getByTestId("answer-no").click();
  await goNext(page, "Restart affected services");

  // The operation step: the command it replaces, what it acts on, who may do it.
  await expect(view).toHaveAttribute("data-step", "restart-affected-services");
  await expect(view.getByTestId("step-command")).toContainText("kubectl rollout restart deployment/normalization-service -n data-processing");
  await expect(view.getByTestId("operation-target")).toHaveText("deployment/data-processing/normalization-service");
  await expect(view.getByTestId("operation-who")).toContainText("L1 and above may do this; you may.");
  await page.locator("body").press("Enter"); // Enter opens the suggested operation's preview

  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("preview-changes")).toContainText("kubectl.kubernetes.io/restartedAt");
  await expect(dialog.getByTestId("preview-context")).toContainText(/ready replicas: ?1\/1/);
  await expect(dialog.getByTestId("preview-context")).toContainText(/kafka\.consumer-group-describe: (WARN|FAIL) .*lag/);
  const execute = dialog.getByRole("button", { name: "Rollout restart" });
  await expect(execute).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("normalization-servic");
  await expect(execute).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("normalization-service");
  await screenshot(page, "operation-preview");
  await dialog.getByLabel(/to confirm/).press("Enter"); // the typed confirmation submits by keyboard
  await expect(dialog.getByTestId("operation-outcome")).toContainText("Outcome: succeeded", { timeout: 30_000 });
  await expect(dialog.getByTestId("verify-result")).toContainText("Verify: passed", { timeout: 120_000 });
  await expect(dialog.getByTestId("verify-result")).toContainText(/kafka\.consumer-group-describe/);
  await screenshot(page, "operation-verified");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // The run records it: the step is done with its outcome, and the verify step is suggested.
  await expect(page.locator('[data-testid="run-map"] button', { hasText: "Restart affected services" })).toHaveAttribute("data-status", "done");
  await expect(view.getByTestId("step-result").first().locator("[data-verdict]").first()).toHaveAttribute("data-verdict", "succeeded");
  await expect(view.getByTestId("operation-item")).toContainText("verify passed");
  await expect(page.locator('[data-kind="operation"]').filter({ hasText: "Rollout restart deployment/data-processing/normalization-service: succeeded" })).toBeVisible();
  await goNext(page, "Verify the fix");
  await expect(view).toHaveAttribute("data-step", "verify");

  // The verify step re-runs the lag check beside the earlier result; while the queue drains the responder runs it again.
  for (let attempt = 1; ; attempt++) {
    await view.getByTestId("run-step").click();
    await expect(view.getByTestId("step-result")).toHaveCount(attempt, { timeout: 30_000 });
    await expect(view.getByTestId("step-result").first().locator("[data-verdict]").first()).toBeVisible();
    const after = await verifyRow(view, "check-kafka-topic-lag").locator("[data-verdict]").last().getAttribute("data-verdict");
    if (after === "ok" || attempt === 6) break;
    await page.waitForTimeout(10_000);
  }
  const lag = verifyRow(view, "check-kafka-topic-lag");
  await expect(lag.locator("[data-verdict]").first()).toHaveAttribute("data-verdict", /warn|fail/); // before
  await expect(lag.locator("[data-verdict]").last()).toHaveAttribute("data-verdict", "ok"); // after
  await expect(lag).toContainText(/lag [\d,]+/);
  await expect(page.getByTestId("run-finished")).toBeVisible();
  await screenshot(page, "operation-wizard-verify", { fullPage: true });

  // The service page offers the same Act panel for the service's own objects, on an open incident.
  await page.goto("/services/normalization-service");
  const act = page.getByTestId("service-act");
  await expect(act.getByLabel("On incident").locator("option", { hasText: "Ticks stuck behind a stalled consumer: normalization-group lag growing" })).toHaveCount(1);
  await expect(act.getByLabel("Object").locator("option")).toHaveText(["normalization-service (deployment)"]);
  await expect(act.getByLabel("Operation").locator("option", { hasText: "Scale" })).toBeDisabled();
  await expect(act.getByLabel("Operation").locator("option", { hasText: "Rollout restart" })).toBeEnabled();
});

test("failed Helm upgrade → Deployment Failures → Helm rollback refused to L1 and L2, done by L3 at phone width → helm history shows the rollback", async ({ page }) => {
  test.setTimeout(360_000);
  await lab(["fault", "helm-failed"]);
  await signInAs(page, "l1");
  const id = await diagnoseFromOverview(page, "deployment-failures", /Helm release data-processing-pipeline revision \d+ failed/, "Deployment failure: helm upgrade to 2.5.0 failed");

  const view = page.getByTestId("step-view");
  await enterRunsSuggested(page, "Check deployment status");
  await expect(view.getByTestId("step-result").first().locator("[data-verdict]").first()).toHaveAttribute("data-verdict", /warn|fail/);
  await enterRunsSuggested(page, "Check deployment history");
  await enterRunsSuggested(page, "Check pod events");
  await goNext(page, "Rollback needed?");
  await view.getByTestId("answer-yes").click();
  await goNext(page, "Perform rollback if needed");

  for (const role of ["l1", "l2"] as const) {
    if (role !== "l1") {
      await signInAs(page, role);
      await page.goto(`/incidents/${id}`);
    }
    await expect(view).toHaveAttribute("data-step", "perform-rollback");
    await expect(view.getByTestId("step-command")).toContainText("helm rollback data-processing-pipeline -n data-processing");
    await expect(view.getByTestId("operation-who")).toContainText(`Helm rollback needs the L3 role or above (you are ${role.toUpperCase()}).`);
    await expect(view.getByTestId("operation-preview")).toBeDisabled();
    const runId = await page.getByTestId("run-view").getAttribute("data-run");
    const refused = await page.request.post(`/api/v1/incidents/${id}/runs/${runId}/steps/perform-rollback`, { headers: { Origin: new URL(page.url()).origin }, data: { dryRun: true } });
    expect(refused.status()).toBe(403);
  }
  await screenshot(page, "operation-helm-refused");

  await signInAs(page, "l3");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/incidents/${id}`);
  await expect(view).toHaveAttribute("data-step", "perform-rollback");
  await expect(view.getByTestId("operation-who")).toContainText("L3 and above may do this; you may.");
  await view.getByTestId("operation-preview").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("preview-summary")).toContainText(/roll data-processing-pipeline back to revision \d+/);
  await expect(dialog.getByTestId("preview-context")).toContainText(/latest revision: ?\d+ \(failed/);
  await dialog.getByLabel(/to confirm/).fill("data-processing-pipeline");
  const execute = dialog.getByRole("button", { name: "Helm rollback" });
  await expect(execute).toBeInViewport({ ratio: 1 });
  // At phone width nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "operation-helm-preview");
  await execute.click();
  await expect(dialog.getByTestId("operation-outcome")).toContainText("Outcome: succeeded", { timeout: 90_000 });
  await dialog.getByRole("button", { name: "Close" }).click();

  await expect(page.locator('[data-testid="run-map"] button', { hasText: "Perform rollback if needed" })).toHaveAttribute("data-status", "done");
  await expect(view.getByTestId("step-result").first().locator("[data-verdict]").first()).toHaveAttribute("data-verdict", "succeeded");
  const env = await labEnvironment();
  const history = await run(env.HELM_BIN ?? "helm", ["history", "data-processing-pipeline", "-n", "data-processing", "--kubeconfig", env.KUBECONFIG ?? ".lab/kubeconfig"]);
  expect(history.trim().split("\n").at(-1)).toMatch(/deployed\s+.*Rollback to \d+/);

  await goNext(page, "Verify the fix");
  await view.getByTestId("run-step").click();
  await expect(view.getByTestId("step-result").first().locator("[data-verdict]").first()).toBeVisible({ timeout: 30_000 });
  const status = verifyRow(view, "check-deployment-status");
  await expect(status.locator("[data-verdict]").first()).toHaveAttribute("data-verdict", /warn|fail/);
  await expect(status.locator("[data-verdict]").last()).toHaveAttribute("data-verdict", "ok");
  await screenshot(page, "operation-helm-verified", { fullPage: true });
});
