import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { THEME_SCRIPT, THEME_STORAGE_KEY } from "../components/shell/theme";

const THEMES = ["light", "dark"] as const;

/** Chooses a theme the way a user's stored preference does, and applies it with the page's own start-up script. */
async function chooseTheme(page: Page, theme: (typeof THEMES)[number]) {
  await page.evaluate(({ key, value }) => localStorage.setItem(key, value), { key: THEME_STORAGE_KEY, value: theme });
  await page.evaluate(THEME_SCRIPT);
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  // Colour transitions (buttons) must end before contrast is measured.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
}

/**
 * The page is no wider than the screen: nothing to scroll sideways. A phone zooms out to fit
 * wide content, which makes innerWidth grow with it, so innerWidth is held to the device's width too.
 */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(innerWidth, "the phone zoomed out to fit something wider than the screen").toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(scrollWidth, "the page is wider than the viewport").toBeLessThanOrEqual(innerWidth);
}

/** Every visible control and every link in a list, table or heading is at least 44 px high on a touch screen (buttons also 44 px wide). */
export async function expectTouchTargets(page: Page) {
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, select, textarea, summary, [role="button"], nav a, li > a, td > a, h3 > a, input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), label:has(> input[type="checkbox"]), label:has(> input[type="radio"])',
      ),
    ]
      .filter((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden" && !element.closest(".sr-only"))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ element, box }) => box.height < 44 || (element.matches('button, [role="button"]') && box.width < 44))
      .map(({ element, box }) => `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, "touch targets smaller than 44 px").toEqual([]);
}

/**
 * What every page of the phone journeys must pass: no sideways scrolling, big enough touch
 * targets, and no serious or critical axe violation in the light and the dark theme. A
 * screenshot of each theme goes to this test's output folder (test-results/).
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  await expect(page.locator("h1"), "one h1 per page").toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await expectTouchTargets(page);
  for (const theme of THEMES) {
    await chooseTheme(page, theme);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, " ")}]` : ""}`).join("; ")}`);
    expect(serious, `axe on ${name} in the ${theme} theme`).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${theme}.png`), fullPage: true });
  }
}
