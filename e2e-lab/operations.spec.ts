import { execFile } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { screenshot } from "./screenshots";

/**
 * The runbook's resolutions done from the console against the lab: an L1 restarts a stalled
 * normalization-service after the preview and a typed confirmation, and the verify step
 * shows the lag draining; a failed Helm upgrade's rollback is refused to L1 and L2 and done
 * by L3, and the release's history then holds the rollback revision.
 */
const PASSWORD = "lab-journey-password-1";
const USERS = { l1: "lena.lab@254carbon.com", l2: "sam.lab@254carbon.com", l3: "pia.lab@254carbon.com" } as const;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}
const lab = (args: string[]) => run("npx", ["tsx", "lab/cli.ts", ...args]);

async function signIn(page: Page, email: string) {
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

async function declare(page: Page, title: string, services: string[]): Promise<string> {
  const declared = await page.request.post("/api/v1/incidents", { headers: { Origin: new URL(page.url()).origin }, data: { title, severity: "SEV2", services } });
  expect(declared.status()).toBe(201);
  return ((await declared.json()) as { id: string }).id;
}

test.afterAll(async () => {
  await lab(["heal"]);
});

test("consumer stall: L1 restarts normalization-service after preview and typed confirmation; lag drains on verify", async ({ page }) => {
  await lab(["fault", "consumer-stall"]);
  await signIn(page, USERS.l1);
  const id = await declare(page, "Data not processing: normalization-group lag growing", ["normalization-service"]);
  await page.waitForTimeout(10_000); // let the lag build up
  await page.goto(`/incidents/${id}`);
  const act = page.getByTestId("act-panel");
  await act.getByLabel("Object").selectOption("deployment/data-processing/normalization-service");
  await act.getByLabel("Operation").selectOption("rollout-restart");
  // L1 may not scale: shown, disabled, with the reason
  await expect(act.getByLabel("Operation").locator("option", { hasText: "Scale" })).toBeDisabled();
  await act.getByRole("button", { name: "Preview" }).click();

  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("preview-changes")).toContainText("kubectl.kubernetes.io/restartedAt");
  await expect(dialog.getByTestId("preview-context")).toContainText(/ready replicas: ?1\/1/);
  await expect(dialog.getByTestId("preview-context")).toContainText(/kafka\.consumer-group-describe/);
  const execute = dialog.getByRole("button", { name: "Rollout restart" });
  await expect(execute).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("normalization-service");
  await screenshot(page, "operation-preview");
  await execute.click();
  await expect(dialog.getByTestId("operation-outcome")).toContainText("Outcome: succeeded", { timeout: 30_000 });
  await expect(dialog.getByTestId("verify-result")).toContainText("Verify: passed", { timeout: 120_000 });
  await expect(dialog.getByTestId("verify-result")).toContainText(/kafka\.consumer-group-describe/);
  await screenshot(page, "operation-verified");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("operation-item").first()).toContainText("verify passed");
});

test("failed Helm upgrade: rollback refused to L1 and L2, done by L3; helm history shows the rollback", async ({ page }) => {
  await lab(["fault", "helm-failed"]);
  await signIn(page, USERS.l1);
  const id = await declare(page, "Deployment failure: helm upgrade to 2.5.0 failed", ["enrichment-service"]);
  for (const role of ["l1", "l2"] as const) {
    await signIn(page, USERS[role]);
    await page.goto(`/incidents/${id}`);
    const act = page.getByTestId("act-panel");
    await act.getByLabel("Object").selectOption("release/data-processing/data-processing-pipeline");
    await expect(act.getByLabel("Operation").locator("option", { hasText: "Helm rollback" })).toBeDisabled();
    await expect(act.getByTestId("act-blocked")).toContainText("needs the L3 role");
    const refused = await page.request.post(`/api/v1/incidents/${id}/operations`, { headers: { Origin: new URL(page.url()).origin }, data: { kind: "helm-rollback", target: "release/data-processing/data-processing-pipeline", params: {}, dryRun: true } });
    expect(refused.status()).toBe(403);
  }

  await signIn(page, USERS.l3);
  await page.goto(`/incidents/${id}`);
  const act = page.getByTestId("act-panel");
  await act.getByLabel("Object").selectOption("release/data-processing/data-processing-pipeline");
  await act.getByLabel("Operation").selectOption("helm-rollback");
  await act.getByRole("button", { name: "Preview" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("preview-summary")).toContainText(/roll data-processing-pipeline back to revision \d+/);
  await expect(dialog.getByTestId("preview-context")).toContainText(/latest revision: ?\d+ \(failed/);
  await dialog.getByLabel(/to confirm/).fill("data-processing-pipeline");
  await screenshot(page, "operation-helm-preview");
  await dialog.getByRole("button", { name: "Helm rollback" }).click();
  await expect(dialog.getByTestId("operation-outcome")).toContainText("Outcome: succeeded", { timeout: 90_000 });
  const env = await lab(["env"]);
  const helm = /HELM_BIN=("?)([^"\n]+)\1/.exec(env)?.[2] ?? "helm";
  const history = await run(helm, ["history", "data-processing-pipeline", "-n", "data-processing", "--kubeconfig", ".lab/kubeconfig"]);
  expect(history.trim().split("\n").at(-1)).toMatch(/deployed\s+.*Rollback to \d+/);
});
