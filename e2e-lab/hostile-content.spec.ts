import { execFile } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { EVIL, expectInert, watch } from "../e2e/inert";
import { containerLogPaths } from "../lab/controller/cri-log";
import { KUBECONFIG, KUBECTL, NAMESPACE } from "../lab/core/paths";
import { screenshot } from "./screenshots";
import { signIn } from "./support";

/**
 * What the lab's own systems report, made hostile, shown as text: a Kafka message whose
 * symbol is markup goes through the real normalization-service, which logs it (kubectl logs
 * serves that line); a line as the process would write it adds ANSI escapes and a
 * credential in JSON; a core/v1 Event about the service's pod, created through the real API
 * server, carries markup in its reason and message; a Helm revision (stored as Helm stores
 * it) carries markup in its description and notes; a consumer group is named with markup.
 * The service page and the incident page's diagnosis show each literally, the credential
 * masked, the Helm notes nowhere: no script runs, no dialog opens, no request leaves for another origin, no page
 * error, the page does not widen. Everything created is removed afterwards.
 */
const SERVICE = "normalization-service";
const RELEASE = "data-processing-pipeline";
// the lab's paths from LAB_DIR (a checkout may test a lab that lives elsewhere)
const LOG_FILE = containerLogPaths(SERVICE).current;
const MARK = `hostile-${Date.now()}`;

const LOG = {
  script: `<script>window.__pwned='log-script'</script>`,
  img: `<img src=${EVIL}/log.png onerror=window.__pwned='log-img'>`,
  rtl: "invoice\u202Egpj.exe",
  svg: `<svg onload=window.__pwned='log-svg'></svg>`,
  ansi: "\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example\u0007osc-link\u001b]8;;\u0007",
  secret: `"password": "hunter2"`,
};
/** The vendor symbol normalization-service cannot normalize, and so logs (JSON-quoted) at ERROR. */
const SYMBOL = `${MARK} ${LOG.script} ${LOG.img} ${LOG.rtl} ${"w".repeat(4_000)}`;
/** A line as the service's process writes it (lab/services/shared/log.ts), with what a JSON quote would have escaped. */
const RAW_LINE = `${new Date().toISOString()} WARN [${SERVICE}] config reloaded ${MARK} {${LOG.secret}, "user": "svc"} ${LOG.ansi} ${LOG.svg} ${"z".repeat(4_000)}`;

const EVENT = {
  name: `${SERVICE}.${MARK}`,
  reason: `<b onmouseover=window.__pwned='reason'>Hostile</b>`,
  message: `${MARK} <script>window.__pwned='event'</script> <img src=${EVIL}/event.png onerror=window.__pwned='event-img'> pull secret {"password": "hunter2"} ${"e".repeat(4_000)}`,
};
const HELM = {
  description: `Upgrade failed ${MARK}: <img src=${EVIL}/helm.png onerror=window.__pwned='helm-description'>`,
  notes: `${MARK}\n<script>window.__pwned='helm-notes'</script>\n<iframe src="${EVIL}/notes"></iframe>\nadmin password: hunter2\n${"n".repeat(4_000)}\n`,
};
const GROUP = `${MARK}-<img src=${EVIL}/group.png onerror=window.__pwned='group'>-\u202Egpj.exe`;

let helmSecret = "";

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    if (input !== undefined) child.stdin!.end(input);
  });
}
const kubectl = (args: string[], input?: string) => run(KUBECTL, ["--kubeconfig", KUBECONFIG, "-n", NAMESPACE, ...args], input);

const kafka = () => new Kafka({ clientId: "hostile-content-journey", brokers: ["127.0.0.1:59092"], logLevel: logLevel.NOTHING });

/** A line in kubectl logs' CRI format, appended as the lab controller appends what the process writes (lab/controller/cri-log.ts). */
const criLine = (stream: "stdout" | "stderr", line: string) => `${new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z")} ${stream} F ${line}\n`;

/** The newest revision of the lab's release, as Helm stored it (Secret data: base64 of base64 of gzip of JSON). */
async function latestRevision(): Promise<{ version: number; release: Record<string, unknown> & { info: Record<string, unknown> } }> {
  const list = JSON.parse(await kubectl(["get", "secrets", "-l", `owner=helm,name=${RELEASE}`, "-o", "json"])) as { items: { metadata: { labels: Record<string, string> }; data: { release: string } }[] };
  const newest = list.items.sort((a, b) => Number(b.metadata.labels.version) - Number(a.metadata.labels.version))[0]!;
  const release = JSON.parse(gunzipSync(Buffer.from(Buffer.from(newest.data.release, "base64").toString(), "base64")).toString());
  return { version: Number(newest.metadata.labels.version), release };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const pods = JSON.parse(await kubectl(["get", "pods", "-l", `app=${SERVICE}`, "-o", "json"])) as { items: { metadata: { name: string } }[] };
  const pod = pods.items[0]!.metadata.name;

  // Log lines: a market-data message the service logs as it fails to normalize it…
  const producer = kafka().producer();
  await producer.connect();
  await producer.send({ topic: "market-data", messages: [{ key: "hostile", value: JSON.stringify({ sym: SYMBOL, px: "1", qty: 1, ts: Date.now(), venue: "XNAS" }) }] });
  await producer.disconnect();
  await expect.poll(() => readFileSync(LOG_FILE, "utf8").includes(`failed to normalize tick`) && readFileSync(LOG_FILE, "utf8").includes(MARK), { timeout: 30_000 }).toBe(true);
  // …and a line with what the service's own logger would have quoted (raw escapes, a credential in JSON).
  appendFileSync(LOG_FILE, criLine("stdout", RAW_LINE));

  // An event about the service's pod, through the API server.
  const now = new Date().toISOString();
  await kubectl(["create", "-f", "-"], JSON.stringify({
    apiVersion: "v1", kind: "Event", metadata: { name: EVENT.name, namespace: NAMESPACE },
    involvedObject: { apiVersion: "v1", kind: "Pod", name: pod, namespace: NAMESPACE },
    type: "Warning", reason: EVENT.reason, message: EVENT.message, count: 1, firstTimestamp: now, lastTimestamp: now, source: { component: "hostile-content-journey" },
  }));

  // A failed upgrade stored as Helm stores it: the deployed revision stays as it is.
  const latest = await latestRevision();
  const version = latest.version + 1;
  helmSecret = `sh.helm.release.v1.${RELEASE}.v${version}`;
  const release = { ...latest.release, version, info: { ...latest.release.info, status: "failed", description: HELM.description, notes: HELM.notes, last_deployed: now } };
  await kubectl(["create", "-f", "-"], JSON.stringify({
    apiVersion: "v1", kind: "Secret", type: "helm.sh/release.v1",
    metadata: { name: helmSecret, namespace: NAMESPACE, labels: { owner: "helm", name: RELEASE, status: "failed", version: String(version) } },
    data: { release: Buffer.from(gzipSync(JSON.stringify(release)).toString("base64")).toString("base64") },
  }));

  // A consumer group named with markup (group ids are any string; topic names cannot hold markup).
  const admin = kafka().admin();
  await admin.connect();
  await admin.setOffsets({ groupId: GROUP, topic: "market-data", partitions: [{ partition: 0, offset: "0" }] });
  await admin.disconnect();
});

test.afterAll(async () => {
  await kubectl(["delete", "event", EVENT.name, "--ignore-not-found"]);
  if (helmSecret) await kubectl(["delete", "secret", helmSecret, "--ignore-not-found"]);
  const admin = kafka().admin();
  await admin.connect();
  await admin.deleteGroups([GROUP]).catch(() => undefined);
  await admin.disconnect();
  // The log as it would be without this journey: later tests count ERROR lines.
  const kept = readFileSync(LOG_FILE, "utf8").split("\n").filter((line) => !line.includes(MARK));
  writeFileSync(LOG_FILE, kept.join("\n"));
});

const logs = (page: Page) => page.getByLabel(`${SERVICE} logs`);

test("log lines, an event and a Helm revision from the lab are shown as text on the service page, the credential masked", async ({ page }) => {
  await signIn(page);
  // Watched from the console's own origin on (before sign-in the page is about:blank).
  const seen = watch(page);
  await page.goto(`/services/${SERVICE}`);
  await expect(page.getByRole("heading", { name: SERVICE, level: 1 })).toBeVisible();

  // The tail: the service's own ERROR line with the markup it was fed, literally; the long word cut.
  await expect(logs(page)).toContainText(`failed to normalize tick`);
  await expect(logs(page)).toContainText(LOG.script);
  await expect(logs(page)).toContainText(LOG.img);
  await expect(logs(page)).toContainText(LOG.rtl);
  await expect(logs(page)).toContainText(/\[cut \d+ bytes\]/);
  // The process's line: escapes shown as the replacement character, the password masked.
  await expect(logs(page)).toContainText(`{"password": "***", "user": "svc"}`);
  await expect(logs(page)).toContainText("\uFFFD[31mRED\uFFFD[0m");
  await expect(logs(page)).toContainText(LOG.svg);
  expect(await logs(page).textContent()).not.toContain("hunter2");
  expect(await logs(page).textContent()).not.toContain("\u001b");

  // The same through the filter: only the ERROR line.
  await page.getByLabel("Log filter").selectOption("ERROR");
  await expect(page.getByRole("status").filter({ hasText: /matching "ERROR" lines/ })).toBeVisible();
  await expect(logs(page)).toContainText(LOG.script);
  await expect(logs(page)).not.toContainText("config reloaded");

  // And followed live (server-sent events): the same lines, masked the same way.
  await page.getByLabel("Log filter").selectOption("");
  await page.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByRole("status").filter({ hasText: /live · \d+ lines/ })).toBeVisible();
  await expect(logs(page)).toContainText(`{"password": "***", "user": "svc"}`);
  await expect(logs(page)).toContainText(LOG.script);
  expect(await logs(page).textContent()).not.toContain("hunter2");
  await page.getByRole("button", { name: "Following" }).click();

  // The event: reason and message literally, the credential masked, the message bounded.
  const events = page.getByRole("region", { name: "Events (newest first)" });
  const row = events.getByRole("row").filter({ hasText: MARK });
  await expect(row).toContainText(EVENT.reason);
  await expect(row).toContainText(`<script>window.__pwned='event'</script>`);
  await expect(row).toContainText(`pull secret {"password": "***"}`);
  await expect(row).toContainText(/more characters\]/);
  expect(await events.textContent()).not.toContain("hunter2");

  // The Helm revision: its description literally; its notes not on this page at all.
  const helm = page.getByRole("region", { name: "Helm release" });
  await expect(helm.getByRole("row").filter({ hasText: MARK })).toContainText(HELM.description);
  expect(await page.locator("main").textContent()).not.toContain("helm-notes");

  await page.waitForLoadState("networkidle");
  await expectInert(page, seen);
  // The picture: the log viewer's newest lines (the hostile ones) in view.
  await page.getByRole("region", { name: "Logs" }).evaluate((section) => section.scrollIntoView({ block: "start" }));
  await logs(page).evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
  await screenshot(page, "service-page-hostile-content");
});

test("a Helm revision's description and a consumer group named with markup are text in a diagnosis run; the notes are not shown", async ({ page }) => {
  await signIn(page);
  const seen = watch(page);
  const declared = await page.request.post("/api/v1/incidents", { headers: { Origin: new URL(page.url()).origin }, data: { title: `Hostile lab content ${MARK}`, severity: "SEV4", services: [SERVICE] } });
  expect(declared.status()).toBe(201);
  await page.goto(`/incidents/${((await declared.json()) as { id: string }).id}`);
  const panel = page.getByTestId("diagnosis-panel");

  // helm status: the failed revision's description in the summary, as text; its notes (and
  // values) stay out of the result, which becomes evidence every role reads.
  await panel.getByLabel("Procedure").selectOption("deployment-failures");
  await panel.getByTestId("start-run").click();
  const view = page.getByTestId("step-view");
  await expect(view).toHaveAttribute("data-step", "check-deployment-status");
  await view.getByTestId("run-step").click();
  const helmResult = view.getByTestId("step-result").first();
  await expect(helmResult.locator("[data-verdict]")).toHaveAttribute("data-verdict", "fail", { timeout: 20_000 });
  await expect(helmResult.getByTestId("step-summary")).toContainText(HELM.description);
  await expect(helmResult.getByTestId("evidence-data")).toContainText(HELM.description);
  const evidence = page.locator('[data-kind="evidence"]').filter({ hasText: "helm.status" });
  await expect(evidence).toContainText(HELM.description);
  for (const shown of [helmResult, evidence]) {
    expect(await shown.textContent()).not.toContain("helm-notes");
    expect(await shown.textContent()).not.toContain("hunter2");
  }

  // kafka-consumer-groups.sh --list: the group's name literally.
  await panel.getByLabel("Procedure").selectOption("consumer-lag");
  await panel.getByTestId("start-run").click();
  await expect(view).toHaveAttribute("data-step", "check-consumer-groups");
  await view.getByTestId("run-step").click();
  const groupsResult = view.getByTestId("step-result").first();
  await expect(groupsResult.locator("[data-verdict]")).toHaveAttribute("data-verdict", /^(ok|warn)$/, { timeout: 20_000 });
  await expect(groupsResult.getByRole("cell", { name: GROUP })).toBeVisible();

  await page.waitForLoadState("networkidle");
  await expectInert(page, seen);
});

test("the log viewer reads only the service's own pods: another pod of the namespace is a 404", async ({ page }) => {
  await signIn(page);
  const foreign = await page.request.get(`/api/v1/services/${SERVICE}/logs?pod=postgresql-0`);
  expect(foreign.status()).toBe(404);
  expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain(`No pod named postgresql-0 belongs to ${SERVICE}`);
  expect((await page.request.get(`/api/v1/services/${SERVICE}/logs?pod=postgresql-0&follow=1`)).status()).toBe(404);

  const pods = JSON.parse(await kubectl(["get", "pods", "-l", `app=${SERVICE}`, "-o", "json"])) as { items: { metadata: { name: string } }[] };
  const own = await page.request.get(`/api/v1/services/${SERVICE}/logs?pod=${pods.items[0]!.metadata.name}&tail=20`);
  expect(own.status()).toBe(200);
  const body = (await own.json()) as { ok: boolean; value: { pod: string; lines: string[] } };
  expect(body.ok).toBe(true);
  expect(body.value.pod).toBe(pods.items[0]!.metadata.name);
  expect(body.value.lines.length).toBeGreaterThan(0);
});
