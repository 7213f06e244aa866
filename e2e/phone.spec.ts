import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { CONSOLE_URL } from "../playwright.config";
import { checkPage } from "./page-checks";
import { ACCOUNTS, signIn, STATE } from "./support";

/**
 * Paged at 3 AM: the responder's first look happens on a phone (the phone-* projects run
 * this file with iPhone 13 and Pixel 7 emulation). Every page visited is checked for
 * sideways scrolling, touch targets and axe in both themes (e2e/page-checks.ts).
 */
// axe runs twice on every page (light and dark) on a shared 2-core machine: more than the default minute.
test.describe.configure({ mode: "serial", timeout: 150_000 });

/** L1 declares and escalates through the API, so a hand-off waits for L2 when the page is opened. */
async function incidentWaitingForL2(title: string): Promise<string> {
  // Cookie-session writes must come from the console's own origin, as the browser's would.
  const api = await playwrightRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  await api.post("/api/auth/callback/credentials", { form: { csrfToken, email: ACCOUNTS.l1.email, password: ACCOUNTS.l1.password, json: "true" } });
  const declared = await api.post("/api/v1/incidents", { data: { title, severity: "SEV2", services: ["normalization-service"] } });
  expect(declared.status()).toBe(201);
  const { id } = (await declared.json()) as { id: string };
  const note = await api.post(`/api/v1/incidents/${id}/notes`, { data: { body: "Lag on `normalization-group` at **40k** and rising" } });
  expect(note.status()).toBe(201);
  const escalated = await api.post(`/api/v1/incidents/${id}/escalate`, {
    data: { note: "Consumer restarts did not help; please look at the broker", hypothesis: "Broker 2 lost its disk", openQuestions: ["Is the ISR shrinking?"] },
  });
  expect(escalated.status()).toBe(201);
  await api.dispose();
  return id;
}

async function openMenu(page: Page) {
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu).toBeVisible();
  return menu;
}

test("a pasted incident link survives sign-in; L2 reads the hand-off and the countdown and acknowledges on the phone", async ({ page }, testInfo) => {
  const title = `Ticks late from the broker (${testInfo.project.name})`;
  const id = await incidentWaitingForL2(title);

  await page.goto(`/incidents/${id}`);
  await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(`/incidents/${id}`)}$`));
  await checkPage(page, testInfo, "signin");
  await page.getByLabel("Email").fill(ACCOUNTS.l2.email);
  await page.getByLabel("Password").fill(ACCOUNTS.l2.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/incidents/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Waiting for L2 · Senior engineer to acknowledge")).toBeVisible();
  await expect(page.getByTestId("ack-countdown")).toHaveText(/^1[45]m \d\ds left$/);
  const packet = page.getByTestId("handoff-packet");
  await expect(packet).toBeVisible();
  await expect(packet).toContainText("Broker 2 lost its disk");
  await expect(packet).toContainText("Is the ISR shrinking?");
  await expect(page.getByTestId("live-state")).toHaveText("● live");
  await checkPage(page, testInfo, "incident-awaiting-ack");
  if (process.env.UPDATE_README_SCREENSHOTS && testInfo.project.name === "phone-iphone-13") {
    // On purpose only (UPDATE_README_SCREENSHOTS=1): the README's picture of this moment, in the dark theme of the night shift.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "docs/screenshots/phone-incident-ack.png" });
  }

  // The one action is reachable by keyboard.
  const acknowledge = page.getByRole("button", { name: "Acknowledge as L2" });
  await acknowledge.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("incident-owner")).toHaveText(ACCOUNTS.l2.email);
  await expect(page.locator('[data-kind="acknowledgement"]')).toContainText("L2 · Senior engineer acknowledged");
  // A screen reader hears the new entry once, politely.
  await expect(page.getByTestId("timeline-announcement")).toContainText(`New timeline entry: Acknowledged by ${ACCOUNTS.l2.email}`);
  await expect(page.getByText("Waiting for L2 · Senior engineer to acknowledge")).toHaveCount(0);
  await checkPage(page, testInfo, "incident-acknowledged");
});

test("L1 finds the menu by keyboard, declares an incident from the overview and adds a note, all on the phone", async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.l1.email, ACCOUNTS.l1.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await checkPage(page, testInfo, "overview");

  // The skip link comes first and lands in the main content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // The side navigation is a menu on a phone: a labelled modal that keeps focus and closes with Escape.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const menuButton = page.getByRole("button", { name: "Menu", exact: true });
  await menuButton.focus();
  expect(await menuButton.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("link", { name: "Incidents" })).toBeVisible();
  await expect(menu.getByTestId("current-role")).toHaveText(ACCOUNTS.l1.label);
  for (let step = 0; step < 8; step++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]"))), "focus stays in the menu").toBe(true);
  }
  await checkPage(page, testInfo, "menu");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Declare: the dialog fits the screen, even with a keyboard taking its lower half.
  await page.getByRole("button", { name: "Declare incident" }).click();
  const declare = page.getByRole("dialog", { name: "Declare an incident" });
  await expect(declare).toBeVisible();
  const viewport = page.viewportSize()!;
  const box = (await declare.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  await checkPage(page, testInfo, "declare-dialog");
  // An on-screen keyboard shrinks the viewport (interactive-widget=resizes-content): the form scrolls inside the dialog.
  await page.setViewportSize({ width: viewport.width, height: Math.round(viewport.height / 2) });
  const squeezed = (await declare.boundingBox())!;
  expect(squeezed.y).toBeGreaterThanOrEqual(0);
  expect(squeezed.y + squeezed.height).toBeLessThanOrEqual(viewport.height / 2 + 1);
  await declare.getByRole("button", { name: "Declare", exact: true }).scrollIntoViewIfNeeded();
  await expect(declare.getByRole("button", { name: "Declare", exact: true })).toBeInViewport();
  await page.setViewportSize(viewport);
  const title = `Enrichment stalled at 3 AM (${testInfo.project.name})`;
  await declare.getByLabel("What is happening?").fill(title);
  await declare.getByRole("radio", { name: /^SEV3/ }).check();
  await declare.getByRole("checkbox", { name: "normalization-service" }).check();
  await declare.getByRole("button", { name: "Declare", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await checkPage(page, testInfo, "incident-declared");

  const note = page.getByRole("textbox", { name: "Note", exact: true });
  await note.fill("Restarted `enrichment-service`; lag **falling**");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.locator('[data-kind="note"] strong')).toHaveText("falling");
  await expect(note).toHaveValue("");
  await expect(page.getByTestId("timeline-announcement")).toHaveText(`New timeline entry: Note by ${ACCOUNTS.l1.email}: Restarted \`enrichment-service\`; lag **falling**`);
  await checkPage(page, testInfo, "incident-with-note");
});

test("follow a wizard step: L1 starts the procedure on the incident, runs a step, and reads the verdict and the next step on the phone", async ({ page }, testInfo) => {
  // The incident exists already (declared from a laptop, or by the previous responder).
  const api = await playwrightRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  await api.post("/api/auth/callback/credentials", { form: { csrfToken, email: ACCOUNTS.l1.email, password: ACCOUNTS.l1.password, json: "true" } });
  const title = `No ticks in ClickHouse (${testInfo.project.name})`;
  const declared = await api.post("/api/v1/incidents", { data: { title, severity: "SEV2", services: ["normalization-service"] } });
  expect(declared.status()).toBe(201);
  const { id } = (await declared.json()) as { id: string };
  await api.dispose();

  await signIn(page, ACCOUNTS.l1.email, ACCOUNTS.l1.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const panel = page.getByTestId("diagnosis-panel");
  await panel.getByLabel("Procedure").selectOption("data-not-processing");
  await panel.getByTestId("start-run").click();
  const view = page.getByTestId("step-view");
  await expect(view).toHaveAttribute("data-step", "check-kafka-topic-lag");
  await expect(view.getByTestId("step-command")).toContainText("kafka-consumer-groups.sh");
  await checkPage(page, testInfo, "wizard-step");

  await view.getByTestId("run-step").tap();
  // Whatever the check finds here (the e2e console has no Kafka: skipped, "not configured"), it is a verdict with its summary, and the run goes on.
  await expect(view.getByTestId("step-result").locator("[data-verdict]")).toHaveAttribute("data-verdict", /^(ok|warn|fail|error|skipped)$/);
  await expect(view.getByTestId("step-summary")).not.toBeEmpty();
  const next = view.getByTestId("next-step");
  await expect(next).toContainText("Next: Check ClickHouse tables");
  await expect(next).toBeInViewport({ ratio: 0.5 });
  await expect(page.getByTestId("run-map").locator('[data-status="done"]')).toHaveCount(1);
  await checkPage(page, testInfo, "wizard-verdict");

  // The suggested step is one tap away.
  await next.getByRole("button", { name: "Check ClickHouse tables" }).tap();
  await expect(page.getByTestId("step-view")).toHaveAttribute("data-step", "check-clickhouse-tables");
  await expect(page.getByTestId("suggested-reason")).toBeVisible();
});

test("every page of the console fits the phone and passes axe, reached through the menu", async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.l1.email, ACCOUNTS.l1.password);
  await expect(page).toHaveURL(/\/$/);
  await (await openMenu(page)).getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("link", { name: /Enrichment stalled at 3 AM/ }).first()).toBeVisible();
  await checkPage(page, testInfo, "incidents");

  await (await openMenu(page)).getByRole("link", { name: "Runbooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Runbooks" })).toBeVisible();
  await checkPage(page, testInfo, "runbooks");
  await page.getByRole("main").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await checkPage(page, testInfo, "runbook-procedure");

  await page.goto("/services/normalization-service");
  await expect(page.getByRole("heading", { level: 1, name: "normalization-service" })).toBeVisible();
  await checkPage(page, testInfo, "service");
});

test.describe("as the administrator", () => {
  test.use({ storageState: STATE.admin });

  test("users, API keys and the audit log fit the phone; their tables scroll inside their own box", async ({ page }, testInfo) => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
    await checkPage(page, testInfo, "admin");
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await checkPage(page, testInfo, "audit");
    // The audit table is wider than a phone: it scrolls in its box (the page does not, checkPage asserted that).
    const table = page.getByRole("region", { name: /^When, Who, Action/ });
    expect(await table.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  });
});
