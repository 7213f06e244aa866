/**
 * The operations' gate and record on a real PostgreSQL, without the lab: who may act
 * (403 + audit), only catalog targets, the typed name, one execution per idempotency key,
 * and an API server that never answers (a black hole) recorded as failed with "nothing was
 * changed". The lab test (operations.lab.test.ts) does the real changes.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, type BlackHole } from "@/test/sockets";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { parseConsoleConfig } from "@/lib/config/console-config";
import { AppError } from "@/lib/errors";
import { actOptions } from "./availability";
import { executeOperation } from "./execute-operation";
import { listOperations } from "./list-operations";
import { previewOperation } from "./preview-operation";
import type { OperationContext } from "./types";

const TARGET = "deployment/data-processing/normalization-service";
let database: TestDatabase;
let hole: BlackHole;
let context: OperationContext;
let incidentId: string;

const actor = (role: Role): Actor => ({ kind: "user", id: `user-${role}`, email: `${role}@254carbon.com`, name: null, role });
const restart = (key: string, confirm = "normalization-service") => ({ kind: "rollout-restart" as const, target: TARGET, params: {}, confirm, idempotencyKey: key });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  database = await createTestDatabase(4);
  hole = await blackHole();
  const dir = await mkdtemp(path.join(tmpdir(), "ops-kubeconfig-"));
  const kubeconfig = path.join(dir, "config");
  await writeFile(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: hole, cluster: {server: "https://127.0.0.1:${hole.port}", insecure-skip-tls-verify: true}}]
users: [{name: responder, user: {token: not-a-secret}}]
contexts: [{name: hole, context: {cluster: hole, user: responder}}]
current-context: hole
`,
  );
  const parsed = parseConsoleConfig("", "ops-test.yaml", { KUBECONFIG: kubeconfig });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  context = { catalog: parsed.config, env: { KUBECONFIG: kubeconfig, PATH: "" }, deadlineMs: 300 };
  const incident = await database.db.incident.create({ data: { title: "Ops gate", severity: "SEV3", services: ["normalization-service"], declaredBy: "l1@254carbon.com", impactStartedAt: new Date(), detectedAt: new Date() } });
  incidentId = incident.id;
});

afterAll(async () => {
  await hole?.close();
  await database?.drop();
});

describe("who may act", () => {
  it("refuses a viewer a restart and L2 a Helm rollback with 403, each refusal in the audit log", async () => {
    const db = database.db;
    expect((await refusal(executeOperation({ db, actor: actor("viewer"), incidentId, request: restart("key-viewer-1"), context }))).status).toBe(403);
    const rollback = await refusal(previewOperation({ db, actor: actor("l2"), incidentId, request: { kind: "helm-rollback", target: "release/data-processing/data-processing-pipeline", params: {} }, context }));
    expect(rollback.status).toBe(403);
    expect(rollback.userMessage).toBe("Helm rollback needs the l3 role or above; you have l2.");
    const denied = await db.auditLog.findMany({ where: { outcome: "denied" }, orderBy: { id: "asc" } });
    expect(denied.map((row) => [row.actor, row.action, row.targetId])).toEqual([
      ["viewer@254carbon.com", "operation.rollout-restart", incidentId],
      ["l2@254carbon.com", "operation.helm-rollback", incidentId],
    ]);
    expect(await db.operation.count()).toBe(0);
  });
});

describe("only catalog objects, only with the typed name", () => {
  it("refuses a free-form target and a wrong name with 400 before touching anything", async () => {
    const db = database.db;
    const free = await refusal(executeOperation({ db, actor: actor("l1"), incidentId, request: { ...restart("key-free-1"), target: "deployment/kube-system/coredns" }, context }));
    expect(free.status).toBe(400);
    expect(free.userMessage).toMatch(/not an object the catalog names/);
    const wrong = await refusal(executeOperation({ db, actor: actor("l1"), incidentId, request: restart("key-wrong-1", "normalization"), context }));
    expect(wrong.status).toBe(400);
    expect(wrong.userMessage).toBe("confirm: type normalization-service exactly to confirm.");
    const scale = await refusal(previewOperation({ db, actor: actor("l2"), incidentId, request: { kind: "scale", target: TARGET, params: { replicas: 500 } }, context }));
    expect(scale.userMessage).toMatch(/^params\.replicas: /);
    expect(await db.operation.count()).toBe(0);
  });

  it("a resolved incident takes no operations", async () => {
    const resolved = await database.db.incident.create({ data: { title: "Done", severity: "SEV4", status: "resolved", services: [], declaredBy: "x", impactStartedAt: new Date(), detectedAt: new Date() } });
    const error = await refusal(previewOperation({ db: database.db, actor: actor("l1"), incidentId: resolved.id, request: { kind: "rollout-restart", target: TARGET, params: {} }, context }));
    expect(error.status).toBe(409);
  });
});

describe("an API server that never answers", () => {
  it("the preview fails without changing anything; an execution is recorded as failed, 'nothing was changed', once per key", async () => {
    const db = database.db;
    const preview = await refusal(previewOperation({ db, actor: actor("l1"), incidentId, request: { kind: "rollout-restart", target: TARGET, params: {} }, context }));
    expect(preview.status).toBe(503);
    expect(preview.userMessage).toMatch(/^The preview failed, nothing was changed: timeout: /);

    const [one, two] = await Promise.all([
      executeOperation({ db, actor: actor("l1"), incidentId, request: restart("key-black-hole-1"), context }),
      executeOperation({ db, actor: actor("l2"), incidentId, request: restart("key-black-hole-1"), context }),
    ]);
    const first = [one, two].find((result) => !result.duplicate)!;
    const second = [one, two].find((result) => result.duplicate)!;
    expect(first.operation.outcome).toBe("failed");
    expect(first.operation.message).toBe(`timeout: no answer within 300 ms. Nothing was changed.`);
    expect(second.message).toContain(first.operation.actor);
    expect(await db.operation.count({ where: { idempotencyKey: "key-black-hole-1" } })).toBe(1);

    const listed = await listOperations({ db, incidentId });
    expect(listed.map((op) => [op.kind, op.target, op.outcome, op.undo])).toEqual([["rollout-restart", TARGET, "failed", null]]);
    const entries = await db.timelineEvent.findMany({ where: { incidentId, kind: "operation" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.body).toBe(`Rollout restart ${TARGET}: failed. timeout: no answer within 300 ms. Nothing was changed.`);
    const audit = await db.auditLog.findFirst({ where: { action: "operation.rollout-restart", outcome: "failed" } });
    expect(audit?.detail).toMatch(/Nothing was changed/);
  });

  it("shows Helm rollback disabled with the reason when no helm CLI is found", () => {
    expect(actOptions(context.catalog, { PATH: "" }).unavailable).toEqual({ "helm-rollback": "no helm CLI on this console's machine (set HELM_BIN or put helm on PATH)" });
    expect(actOptions(context.catalog, { HELM_BIN: "/nowhere/helm" }).unavailable["helm-rollback"]).toBe("HELM_BIN points at /nowhere/helm, which does not exist");
  });
});
