import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "@/test/test-database";
import { grantConsoleRole } from "./console-role";
import { applyMigrations } from "./migrations";

describe("running the console as a role that does not own the audit log (real PostgreSQL)", () => {
  const role = `console_app_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let owner: pg.Client;
  let app: pg.Client;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await applyMigrations(owner);
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await owner.query(`GRANT CONNECT ON DATABASE ${database.name} TO ${role}`);
    expect(await grantConsoleRole(owner, role)).toBeNull();
    const url = new URL(database.url);
    url.username = role;
    url.password = password;
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await owner.end();
    await database.drop();
    const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await server.connect();
    await server.query(`DROP ROLE IF EXISTS ${role}`);
    await server.end();
  });

  it("may append to and read the audit log, and do its everyday work", async () => {
    await app.query(`INSERT INTO "AuditLog" (actor, action, outcome) VALUES ('system', 'test.append', 'ok')`);
    expect((await app.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'test.append'`)).rows[0].n).toBe(1);
    await app.query(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('u1', 'a@254carbon.com', 'l1', now())`);
    await app.query(`UPDATE "User" SET role = 'l2' WHERE id = 'u1'`);
    await app.query(`INSERT INTO "SignInFailure" (subject) VALUES ('account:x')`);
    await app.query(`DELETE FROM "SignInFailure"`);
    expect((await app.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).rows[0].n).toBeGreaterThan(0);
  });

  it("cannot truncate the audit log, drop its trigger, or rewrite a row", async () => {
    await expect(app.query(`TRUNCATE "AuditLog"`)).rejects.toMatchObject({ code: "42501" });
    await expect(app.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`)).rejects.toMatchObject({ code: "42501" });
    await expect(app.query(`DROP TRIGGER "AuditLog_append_only" ON "AuditLog"`)).rejects.toMatchObject({ code: "42501" });
    await expect(app.query(`UPDATE "AuditLog" SET actor = 'someone else'`)).rejects.toMatchObject({ code: "42501" });
    await expect(app.query(`DELETE FROM "_prisma_migrations"`)).rejects.toMatchObject({ code: "42501" });
  });

  it("refuses to set up the owner itself as the console's role", async () => {
    const { rows } = await owner.query<{ me: string }>("SELECT current_user AS me");
    expect(await grantConsoleRole(owner, rows[0]!.me)).toMatch(/owns the tables|superuser/);
  });
});
