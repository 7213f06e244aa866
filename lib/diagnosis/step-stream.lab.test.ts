/**
 * Progress while a log scan runs, against the lab's Kubernetes: a step answered as
 * Server-Sent Events (what the step view reads, lib/diagnosis/step-stream.ts) gives the scan's
 * figures before its result, and the result is the one stored. The lab's logs are short (a
 * scan takes 15–70 ms, under the 50 ms after which a step is claimed and streams), so the
 * console reaches the lab's API server through a slow network: each chunk 40 ms late, as
 * over a distant link. Reads only (no fault, no restart), so it needs no lab lock; needs
 * the lab up and the test PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { labEnv } from "@/lab/core/lab-env";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { createUser } from "@/lib/users/create-user";
import { delayingProxy, type DelayingProxy } from "@/test/delaying-proxy";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { getRun } from "./get-run";
import { runStep } from "./run-step";
import { startRun } from "./start-run";
import { decodeEvents } from "./step-stream";
import { streamedStep } from "./step-stream-response";

let database: TestDatabase;
let l1: Actor;
let slowNetwork: DelayingProxy | undefined;

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  Object.assign(process.env, labEnv());
  const dir = mkdtempSync(path.join(tmpdir(), "console-config-"));
  // The slow link makes every call slower: a deadline that fits it.
  writeFileSync(path.join(dir, "console.config.yaml"), "probe:\n  deadline: 10s\n");
  process.env.CONSOLE_CONFIG = path.join(dir, "console.config.yaml");
  const kubeconfig = readFileSync(process.env.KUBECONFIG!, "utf8");
  const apiPort = Number(/server: https:\/\/127\.0\.0\.1:(\d+)/.exec(kubeconfig)?.[1]);
  slowNetwork = await delayingProxy(apiPort, 40);
  writeFileSync(path.join(dir, "kubeconfig"), kubeconfig.replace(`127.0.0.1:${apiPort}`, `127.0.0.1:${slowNetwork.port}`));
  process.env.KUBECONFIG = path.join(dir, "kubeconfig");
  database = await createTestDatabase();
  const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "l1@254carbon.com", role: "l1", password: "a long password" } });
  l1 = { kind: "user", id: user.id, email: user.email, name: null, role: "l1" };
});
afterAll(async () => {
  await database?.drop();
  await slowNetwork?.close();
});

it("a log scan streams how many lines it scanned before its result, which is the result stored", async () => {
  const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: "http://console.test", input: { title: "Odd lines in normalization-service", severity: "SEV3", services: ["normalization-service"] } });
  const run = await startRun({ db: database.db, actor: l1, incidentId: incident.id, input: { procedure: "check-service-status" } });
  const response = await streamedStep((onProgress) =>
    runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-service-logs", input: { reason: "the logs first", params: { tailLines: 5_000 } }, onProgress }),
  );
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);

  const { events, rest } = decodeEvents(await response.text());
  expect(rest).toBe("");
  expect(events.map((event) => event.type).at(-1)).toBe("result");
  const progress = events.flatMap((event) => (event.type === "progress" ? [event.progress.text] : []));
  expect(progress[0]).toBe('running "Check service logs"');
  expect(progress.slice(1)).toContainEqual(expect.stringMatching(/^scanned [\d,]+ lines of normalization-service-\S+, [\d,]+ ERROR\/FATAL$/));

  const result = events.at(-1)!.type === "result" ? (events.at(-1) as { result: unknown }).result : null;
  expect(result).toMatchObject({ step: "check-service-logs", status: "done", summary: expect.stringMatching(/lines from normalization-service-/) });
  const stored = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
  expect(stored.results).toEqual([result]);
});
