import { expect, test } from "@playwright/test";
import { EVIL, expectInert, watch } from "./inert";
import { cli, STATE } from "./support";

/**
 * Incident content is typed by people and scripts, sometimes pasted from the very logs and
 * alerts an attacker controls. Whatever it holds, the console shows it as text: no script
 * runs, no dialog opens, and no viewer's browser is made to call another host.
 */
test.use({ storageState: STATE.admin });

/** Each payload sets window.__pwned (or calls out to evil.example) if it ever becomes markup. */
const PAYLOADS = {
  script: `<script>window.__pwned="script";alert(1)</script>`,
  img: `<img src="${EVIL}/img.png" onerror="window.__pwned='img'">`,
  svg: `<svg onload="window.__pwned='svg'"></svg>`,
  iframe: `<iframe src="${EVIL}/frame"></iframe>`,
  style: `<style>body{background:url(${EVIL}/bg.png)}</style>`,
  link: `<a href="javascript:window.__pwned='a'">open</a>`,
  ansi: "\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example\u0007osc-link\u001b]8;;\u0007",
  rtl: "invoice\u202Egpj.exe",
} as const;

const TITLE = `Hostile ${Date.now()} ${PAYLOADS.img}`.slice(0, 200);
const NOTE = [
  "Pasted from the alert:",
  PAYLOADS.script,
  PAYLOADS.svg,
  PAYLOADS.iframe,
  PAYLOADS.style,
  PAYLOADS.link,
  `[markdown link](javascript:window.__pwned='md')`,
  `[data link](data:text/html,<script>window.__pwned='data'</script>)`,
  `![tracking pixel](${EVIL}/pixel.png)`,
  `<img src="${EVIL}/raw.png">`,
  PAYLOADS.ansi,
  PAYLOADS.rtl,
  `long-line-${"x".repeat(4_000)}`,
  // A blank line between each: an HTML line would otherwise swallow the Markdown after it.
].join("\n\n");
const HANDOFF = `Need L2. ${PAYLOADS.script} ${PAYLOADS.img} [click](javascript:window.__pwned='handoff') ${"y".repeat(3_000)}`;

let incidentId = "";

test.beforeAll(async ({ request }) => {
  const output = await cli(["api-key", "create", "--name", "hostile-content", "--role", "l1"]);
  const key = output.trim().split("\n").pop()!.trim();
  const headers = { Authorization: `Bearer ${key}` };
  const declared = await request.post("/api/v1/incidents", { headers, data: { title: TITLE, severity: "SEV4" } });
  expect(declared.status()).toBe(201);
  incidentId = (await declared.json()).id;
  expect((await request.post(`/api/v1/incidents/${incidentId}/notes`, { headers, data: { body: NOTE } })).status()).toBe(201);
  const escalated = await request.post(`/api/v1/incidents/${incidentId}/escalate`, {
    headers,
    data: { note: HANDOFF, hypothesis: PAYLOADS.svg, openQuestions: [PAYLOADS.iframe, PAYLOADS.rtl] },
  });
  expect(escalated.status()).toBe(201);
});

test("script and markup in an incident's title, notes and hand-off are shown as text and run nothing", async ({ page }) => {
  const seen = watch(page);
  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();

  // Shown literally: the markup as characters, the control characters not eaten.
  const main = page.getByRole("main");
  await expect(main.getByText(PAYLOADS.script).filter({ visible: true }).first()).toBeVisible();
  await expect(main.getByText(PAYLOADS.iframe).filter({ visible: true }).first()).toBeVisible();
  await expect(main.getByText(`<img src="${EVIL}/raw.png">`).filter({ visible: true }).first()).toBeVisible();
  await expect(main.getByText(/gpj\.exe/).filter({ visible: true }).first()).toBeVisible();
  await expect(main.getByText("Need L2.", { exact: false }).filter({ visible: true }).first()).toBeVisible();
  // The Markdown image is a link to its address, never loaded.
  await expect(main.getByRole("link", { name: /tracking pixel/ })).toHaveAttribute("href", `${EVIL}/pixel.png`);

  // Give a late onerror/onload its chance before judging.
  await page.waitForLoadState("networkidle");
  await expectInert(page, seen);
});

test("a hostile title in the incident list and on the overview is text", async ({ page }) => {
  const seen = watch(page);
  await page.goto(`/incidents?q=${encodeURIComponent("Hostile")}`);
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectInert(page, seen);

  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await expectInert(page, seen);
});

test("the postmortem draft is a Markdown download, never a page that could run its content", async ({ page }) => {
  const response = await page.request.get(`/api/v1/incidents/${incidentId}/postmortem`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/markdown/);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await response.text()).toContain(PAYLOADS.script);
});
