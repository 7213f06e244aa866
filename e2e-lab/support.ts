import { execFile } from "node:child_process";
import { expect, type Page } from "@playwright/test";

/** What the lab journeys share: the accounts e2e-lab/start-lab-console.sh creates, the lab CLI, sign-in. */
export const LAB_PASSWORD = "lab-journey-password-1";
export const LAB_L1 = "lena.lab@254carbon.com";

/** `npm run lab -- <args>` (fault, heal, …), failing the journey with the CLI's stderr. */
export function lab(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("npx", ["tsx", "lab/cli.ts", ...args], { timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

/** The lab's environment as `npm run lab -- env` prints it (`export NAME="value"` lines), by name. */
export async function labEnvironment(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const [, name, value] of (await lab(["env"])).matchAll(/^export (\w+)="(.*)"$/gm)) env[name!] = value!;
  return env;
}

export async function signIn(page: Page, email = LAB_L1, password = LAB_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** A panel's status badge on the overview. */
export const statusOf = (page: Page, name: string) => page.locator(`[data-panel="${name}"] [data-status]`).first();
