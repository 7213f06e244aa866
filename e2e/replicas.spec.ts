import { expect, test, type Browser, type Page } from "@playwright/test";
import { LIVE_A_URL, LIVE_B_URL } from "../playwright.config";
import { signedInOn } from "./support";

/**
 * Two console processes on one PostgreSQL (the live servers of e2e/incidents.spec.ts), each
 * with an overview open: between them each panel is probed once per interval, and both show
 * the same results. Counted by the processes' own /api/metrics.
 */
/** the catalog's default probe cadence (freshness 5 s − deadline 2 s − 1 s) */
const CADENCE_S = 2;
const WINDOW_S = 12;

test.describe.configure({ mode: "serial" });

async function overviewOn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await signedInOn(browser, baseURL, email);
  await expect(page.locator("[data-panel]").first()).toBeVisible();
  return page;
}

/** Probes each panel's process ran so far, from its /api/metrics. */
async function probesRun(page: Page): Promise<Map<string, number>> {
  const text = await (await page.request.get("/api/metrics")).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^console_health_probes_total\{panel="([^"]+)",shared="(?:true|false)"\} (\d+)$/gm)) {
    counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + Number(match[2]));
  }
  return counts;
}

interface Panel {
  name: string;
  status: string;
  checkedAt: string;
}

async function panelsSeen(page: Page): Promise<Panel[]> {
  const snapshot = (await (await page.request.get("/api/v1/health")).json()) as { services: Panel[]; systems: Panel[] };
  return [...snapshot.services, ...snapshot.systems].map(({ name, status, checkedAt }) => ({ name, status, checkedAt }));
}

test("two processes with the overview open probe each panel once per interval between them and show the same results", async ({ browser }) => {
  const a = await overviewOn(browser, LIVE_A_URL, "lena.live@254carbon.com");
  const b = await overviewOn(browser, LIVE_B_URL, "sam.live@254carbon.com");

  // Both show the same probes: each panel, sooner or later, with the same status and the same
  // probe start to the millisecond on both (two probes of their own would never coincide).
  const shown = (await panelsSeen(a)).map((panel) => panel.name);
  const agreed = new Set<string>();
  await expect
    .poll(
      async () => {
        const [onA, onB] = [await panelsSeen(a), await panelsSeen(b)];
        for (const panel of onA) if (onB.some((other) => other.name === panel.name && other.status === panel.status && other.checkedAt === panel.checkedAt)) agreed.add(panel.name);
        return shown.filter((name) => !agreed.has(name));
      },
      { timeout: 20_000, intervals: [250] },
    )
    .toEqual([]);

  const before = [await probesRun(a), await probesRun(b)];
  await a.waitForTimeout(WINDOW_S * 1_000); // both overviews keep polling meanwhile
  const after = [await probesRun(a), await probesRun(b)];
  const panels = [...after[0]!.keys(), ...after[1]!.keys()].filter((panel, index, all) => all.indexOf(panel) === index);
  expect(panels.length).toBeGreaterThan(2);
  const probed = Object.fromEntries(panels.map((panel) => [panel, after.reduce((sum, counts, i) => sum + (counts.get(panel) ?? 0) - (before[i]!.get(panel) ?? 0), 0)]));
  // One process alone would run WINDOW_S / CADENCE_S probes of each panel; two unshared, twice that.
  for (const [panel, count] of Object.entries(probed)) {
    expect(count, `${panel} probed ${count} times in ${WINDOW_S} s by both processes`).toBeGreaterThan(0);
    expect(count, `${panel} probed ${count} times in ${WINDOW_S} s by both processes`).toBeLessThanOrEqual(WINDOW_S / CADENCE_S + 2);
  }
});
