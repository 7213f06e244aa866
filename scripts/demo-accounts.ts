/**
 * Demo mode only (CONSOLE_DEMO=true, as `npm run demo` sets): one account per role, with
 * passwords generated now and printed once. Never in a normal start.
 */
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { ROLES } from "../lib/auth/roles";

export async function ensureDemoAccounts(databaseUrl: string, log: (message: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const lines: string[] = [];
    for (const role of ROLES) {
      const email = `${role}@demo.254carbon.local`;
      const password = randomBytes(9).toString("base64url");
      await client.query(
        `INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
         VALUES ($1, $2, $3, $4, $5::"Role", now())
         ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", role = EXCLUDED.role, "disabledAt" = NULL`,
        [`demo-${role}`, email, `Demo ${role.toUpperCase()}`, await hash(password), role],
      );
      lines.push(`  ${role.padEnd(6)} ${email.padEnd(30)} ${password}`);
    }
    log(`demo accounts (new passwords each start):\n${lines.join("\n")}`);
  } finally {
    await client.end();
  }
}
