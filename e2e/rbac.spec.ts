import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { can, ROLES, type Permission, type Role } from "../lib/auth/roles";
import { sessionCookie } from "../test/session-cookie";
import { API_ROUTES } from "./api-routes";
import { ACCOUNTS, ADMIN, cli } from "./support";

/**
 * The RBAC matrix, generated from the code itself: every /api/v1 route (and /api/metrics)
 * found under app/api with the permission its apiRoute() names, and every server action in
 * the build's own manifest with the permission its action() names, against every role (a
 * session and an API key each), no credentials, a revoked key and an expired key. Each cell
 * must be what lib/auth/roles.ts's table says: refused with 401 (no or dead credentials) or
 * 403 (role; audited), otherwise let through to the handler, and never a 5xx.
 */
const BASE = "http://localhost:3100";
const PERMISSION_REFUSAL = /needs the .* role or above|it needs .* or above/;

/**
 * Every server action the build knows (its own manifest), with the name and permission its
 * `action({ name, permission, … })` call gives in the source. An action the source does not
 * declare that way (other than the one public action, first-run set-up) fails the matrix.
 */
function serverActions() {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const source = readFileSync(entry.filename, "utf8");
    const declared = new RegExp(`export const ${entry.exportedName} = (action|publicAction)\\(\\s*\\{\\s*name:\\s*"([^"]+)",\\s*(?:permission:\\s*"([^"]+)")?`).exec(source);
    return {
      id,
      file: entry.filename,
      exportedName: entry.exportedName,
      // The page that imports it with the fewest dynamic segments.
      page: Object.keys(entry.workers).sort((a, b) => a.split("[").length - b.split("[").length)[0]!,
      public: declared?.[1] === "publicAction",
      name: declared?.[2] ?? null,
      permission: (declared?.[3] ?? null) as Permission | null,
    };
  });
}

type Credential = { label: string; role: Role | null; headers: Record<string, string>; actor: string | null };

let incidentId = "";
const credentials: Credential[] = [];
let database: pg.Client;

async function keyFor(name: string, role: Role): Promise<string> {
  const output = await cli(["api-key", "create", "--name", name, "--role", role]);
  return output.trim().split("\n").pop()!.trim();
}


test.beforeAll(async () => {
  test.setTimeout(180_000);
  const record = JSON.parse(readFileSync(".e2e-data/embedded-db.json", "utf8")) as { url: string };
  database = new pg.Client({ connectionString: record.url });
  await database.connect();

  const suffix = Date.now().toString(36);
  for (const role of ROLES) {
    const key = await keyFor(`rbac-${role}-${suffix}`, role);
    credentials.push({ label: `API key (${role})`, role, headers: { Authorization: `Bearer ${key}` }, actor: `api-key:rbac-${role}-${suffix}` });
  }
  const revoked = await keyFor(`rbac-revoked-${suffix}`, "admin");
  const revokedId = (await database.query<{ id: string }>(`SELECT id FROM "ApiKey" WHERE name = $1`, [`rbac-revoked-${suffix}`])).rows[0]!.id;
  await cli(["api-key", "revoke", "--id", revokedId]);
  const expired = await keyFor(`rbac-expired-${suffix}`, "admin");
  await database.query(`UPDATE "ApiKey" SET "expiresAt" = now() - interval '1 day' WHERE name = $1`, [`rbac-expired-${suffix}`]);
  credentials.push({ label: "revoked API key", role: null, headers: { Authorization: `Bearer ${revoked}` }, actor: null });
  credentials.push({ label: "expired API key", role: null, headers: { Authorization: `Bearer ${expired}` }, actor: null });
  credentials.push({ label: "no credentials", role: null, headers: {}, actor: null });

  const people: [Role, string, string][] = [
    ["viewer", ACCOUNTS.viewer.email, ACCOUNTS.viewer.password],
    ["l1", ACCOUNTS.l1.email, ACCOUNTS.l1.password],
    ["l2", ACCOUNTS.l2.email, ACCOUNTS.l2.password],
    ["l3", ACCOUNTS.l3.email, ACCOUNTS.l3.password],
    ["admin", ADMIN.email, ADMIN.password],
  ];
  for (const [role, email, password] of people) {
    credentials.push({ label: `session (${role})`, role, headers: { cookie: await sessionCookie(BASE, email, password), Origin: BASE }, actor: email });
  }

  const admin = credentials.find((credential) => credential.label === "API key (admin)")!;
  const created = await fetch(`${BASE}/api/v1/incidents`, { method: "POST", headers: { ...admin.headers, "Content-Type": "application/json" }, body: JSON.stringify({ title: "RBAC matrix fixture", severity: "SEV4" }) });
  incidentId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async () => {
  await database?.end();
});

async function deniedAudited(actor: string, action: string): Promise<boolean> {
  const rows = await database.query(`SELECT 1 FROM "AuditLog" WHERE actor = $1 AND action = $2 AND outcome = 'denied' LIMIT 1`, [actor, action]);
  return rows.rowCount! > 0;
}

test("every API route × every credential answers as the permission table says", async () => {
  test.setTimeout(300_000);
  expect(API_ROUTES.length).toBeGreaterThanOrEqual(14);
  const failures: string[] = API_ROUTES.filter((route) => !route.permission).map((route) => `${route.method} ${route.file}: no apiRoute({ name, permission }) found`);
  for (const route of API_ROUTES.filter((candidate) => candidate.permission)) {
    const url = `${BASE}${route.path.replace("[id]", incidentId).replace("[name]", "normalization-service").replace(/\[[^\]]+\]/g, "x")}`;
    for (const credential of credentials) {
      const response = await fetch(url, {
        method: route.method,
        redirect: "manual",
        headers: { ...credential.headers, ...(route.method === "GET" ? {} : { "Content-Type": "application/json" }) },
        body: route.method === "GET" ? undefined : "{}",
        signal: AbortSignal.timeout(15_000),
      });
      // Streams (SSE) stay open: the status line is the answer.
      const text = response.headers.get("content-type")?.includes("event-stream") ? "" : await response.text();
      void response.body?.cancel().catch(() => {});
      const cell = `${route.method} ${route.path} as ${credential.label}: ${response.status} ${text.slice(0, 160)}`;
      if (response.status >= 500) failures.push(`5xx: ${cell}`);
      else if (!credential.role) {
        if (response.status !== 401) failures.push(`expected 401: ${cell}`);
      } else if (!can(credential.role, route.permission!)) {
        if (response.status !== 403 || !PERMISSION_REFUSAL.test(text)) failures.push(`expected 403: ${cell}`);
        else if (!(await deniedAudited(credential.actor!, route.name!))) failures.push(`403 not audited: ${cell}`);
      } else if (response.status === 401 || (response.status === 403 && PERMISSION_REFUSAL.test(text))) {
        failures.push(`expected to be let through: ${cell}`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("every server action × every session answers as the permission table says", async () => {
  test.setTimeout(300_000);
  const actions = serverActions();
  expect(actions.length).toBeGreaterThanOrEqual(14);
  const failures: string[] = actions.filter((action) => !action.public && (!action.name || !action.permission)).map((action) => `${action.file}#${action.exportedName}: no action({ name, permission }) found`);
  for (const action of actions.filter((candidate) => !candidate.public && candidate.name && candidate.permission)) {
    // A page that imports the action, with its dynamic segments filled in.
    const page =
      action.page
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace("runbooks/[id]", "runbooks/consumer-lag")
        .replace("[id]", incidentId)
        .replace("[name]", "normalization-service")
        .replace(/\[[^\]]+\]/g, "x") || "/";
    for (const credential of credentials.filter((candidate) => candidate.label.startsWith("session") || candidate.label === "no credentials")) {
      const response = await fetch(`${BASE}${page}`, {
        method: "POST",
        redirect: "manual",
        headers: { ...credential.headers, Origin: BASE, "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        // Empty input: a permitted caller gets past the role check and is stopped by validation, so nothing is written.
        body: JSON.stringify([{}]),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      const cell = `${action.exportedName} (${action.permission}) on ${page} as ${credential.label}: ${response.status} ${text.slice(-200)}`;
      if (response.status >= 500) failures.push(`5xx: ${cell}`);
      else if (!credential.role) {
        // No session: proxy.ts sends the request to sign in before any action code runs.
        if (response.status !== 307 || !response.headers.get("location")?.includes("/signin")) failures.push(`expected a redirect to sign in: ${cell}`);
      } else if (!can(credential.role, action.permission!)) {
        if (!/"code":"forbidden"/.test(text)) failures.push(`expected forbidden: ${cell}`);
        else if (!(await deniedAudited(credential.actor!, action.name!))) failures.push(`refusal not audited: ${cell}`);
      } else if (/"code":"(forbidden|unauthenticated)"/.test(text) || !/"ok":false/.test(text)) {
        failures.push(`expected past the role check to a validation error: ${cell}`);
      }
    }
  }
  expect(failures).toEqual([]);
});
