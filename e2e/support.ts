import { execFile } from "node:child_process";
import { expect, type Browser, type Page } from "@playwright/test";

export const ADMIN = { email: "ada@254carbon.com", name: "Ada Admin", password: "night-shift-admin-pw" };
export const STATE = { admin: "e2e/.auth/admin.json" };

/** Accounts the journeys create, one per role (admin is made by the first-run set-up). */
export const ACCOUNTS = {
  viewer: { email: "vic.viewer@254carbon.com", password: "viewer-password-123", label: "Viewer" },
  l1: { email: "lena.l1@254carbon.com", password: "l1-password-12345", label: "L1 · On-call engineer" },
  l2: { email: "sam.l2@254carbon.com", password: "l2-password-12345", label: "L2 · Senior engineer" },
  l3: { email: "pat.l3@254carbon.com", password: "l3-password-12345", label: "L3 · Principal engineer" },
} as const;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The password of the accounts e2e/start-live-server.sh creates on the two live console processes. */
export const LIVE_PASSWORD = "live-password-123";

/** A browser of its own, signed in on one of the two live console processes (LIVE_A_URL, LIVE_B_URL). */
export async function signedInOn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email, LIVE_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  return page;
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** The CLI a newcomer uses, against the running console's embedded database. */
export function cli(args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args],
      { env: { ...process.env, DATA_DIR: ".e2e-data", DATABASE_URL: "" } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end(stdin ?? "");
  });
}
