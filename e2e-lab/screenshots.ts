import { copyFile } from "node:fs/promises";
import { test, type Page } from "@playwright/test";

/**
 * A journey's screenshot: always written to the test's own output folder under
 * test-results/ (and attached to the report), never to the tracked docs/screenshots/ on an
 * ordinary run. Refreshing the README's pictures is a deliberate step:
 * `UPDATE_SCREENSHOTS=1 npx playwright test -c playwright.lab.config.ts` (README, Screenshots).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  await test.info().attach(name, { path, contentType: "image/png" });
  if (process.env.UPDATE_SCREENSHOTS === "1") await copyFile(path, `docs/screenshots/${name}.png`);
}
