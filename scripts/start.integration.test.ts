import { spawnSync } from "node:child_process";
import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { ensureDemoAccounts } from "./demo-accounts";

describe("npm start (scripts/start.ts)", () => {
  it("refuses to start on a malformed variable, naming it and showing a valid example", () => {
    const run = spawnSync("npx", ["tsx", "scripts/start.ts"], {
      env: { ...process.env, PORT: "eighty", DATABASE_URL: "mysql://nope", DATA_DIR: ".data-start-test" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("The console cannot start: the configuration is not valid.");
    expect(run.stderr).toMatch(/PORT must be a port number, for example 3000/);
    expect(run.stderr).toMatch(/DATABASE_URL must be a PostgreSQL URL, for example postgresql:\/\//);
  });
});

describe("demo accounts (CONSOLE_DEMO=true only)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("creates one account per role and prints passwords that work", async () => {
    const lines: string[] = [];
    await ensureDemoAccounts(database.url, (message) => lines.push(message));
    const printed = lines.join("\n");
    const users = await database.db.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((user) => user.role).sort()).toEqual(["admin", "l1", "l2", "l3", "viewer"]);
    for (const user of users) {
      const password = new RegExp(`${user.email.replace(/[.]/g, "\\.")}\\s+(\\S+)`).exec(printed)?.[1];
      expect(password, `printed password for ${user.email}`).toBeTruthy();
      expect(await verify(user.passwordHash!, password!)).toBe(true);
    }
  });
});
