import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * Journeys against the lab (`npm run test:lab`, after the lab is up): the console on :3104
 * watches the lab's real Kubernetes API, Kafka, ClickHouse… while the test injects the
 * lab's faults. Same browser settings as playwright.config.ts.
 */
export const LAB_CONSOLE_URL = "http://localhost:3104";

export default defineConfig({
  testDir: "e2e-lab",
  // start from a settled lab: the vitest lab suite that ran before may have left a rollout going
  globalSetup: "./e2e-lab/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report-lab" }]],
  use: { ...base.use, baseURL: LAB_CONSOLE_URL },
  webServer: [{ command: "bash e2e-lab/start-lab-console.sh", url: "http://127.0.0.1:3104/api/health", timeout: 240_000, reuseExistingServer: false, stdout: "pipe" }],
});
