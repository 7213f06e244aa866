import { expect, type Page } from "@playwright/test";

/**
 * What hostile content could make a viewer's browser do, and the check that it did none of
 * it: shared by the journeys that feed hostile text to the console (e2e/hostile-content.spec.ts
 * for what people type, e2e-lab/hostile-content.spec.ts for what the lab's systems report).
 */
export const EVIL = "https://evil.example";

/** Everything a hostile page could make the browser do, recorded while the page is open. */
export function watch(page: Page) {
  const seen = { dialogs: [] as string[], foreign: [] as string[], pageErrors: [] as string[] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.origin !== new URL(page.url() === "about:blank" ? "http://localhost:3100" : page.url()).origin) seen.foreign.push(request.url());
  });
  page.on("pageerror", (error) => seen.pageErrors.push(error.message));
  return seen;
}

export async function expectInert(page: Page, seen: ReturnType<typeof watch>) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
  expect(seen.dialogs).toEqual([]);
  expect(seen.foreign).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  // No element the content could have created, and no link that runs script.
  expect(await page.locator("main iframe, main svg[onload], main img[src^='https'], main img[onerror], main style, main script").count()).toBe(0);
  expect(await page.locator("a[href^='javascript:' i], a[href^='data:' i]").count()).toBe(0);
  // A 4,000-character word does not widen the page for everyone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}
