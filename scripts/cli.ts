/**
 * `npm run cli -- <command>`: administration from a terminal, through the same use cases
 * (and audit log) as the web console.
 *
 *   user add --email jane@254carbon.com --role l2 [--name "Jane Doe"] [--password-stdin]
 *   user list
 *   user disable --email <email> / user enable --email <email>
 *   user set-role --email <email> --role <role>
 *   user reset-password --email <email> [--password-stdin]
 *   api-key create --name grafana --role viewer [--expires-days 90]
 *   api-key list
 *   api-key revoke --id <id>
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { isAppError } from "../lib/errors";
import { SYSTEM_ACTOR } from "../lib/auth/actor";
import { createUser } from "../lib/users/create-user";
import { changeUserRole } from "../lib/users/change-role";
import { setUserDisabled } from "../lib/users/disable-user";
import { resetPassword } from "../lib/users/reset-password";
import { createApiKey } from "../lib/api-keys/create-api-key";
import { revokeApiKey } from "../lib/api-keys/revoke-api-key";
import { ROLES, isRole } from "../lib/auth/roles";
import { openDatabase } from "./open-database";

const USAGE = `Usage: npm run cli -- <command>
  user add --email <email> --role <${ROLES.join("|")}> [--name <name>] [--password-stdin]
  user list
  user disable --email <email>            (signed out, API keys they made refused, at their next request)
  user enable --email <email>
  user set-role --email <email> --role <${ROLES.join("|")}>
  user reset-password --email <email> [--password-stdin]
  api-key create --name <name> --role <${ROLES.join("|")}> [--expires-days <n>]
  api-key list
  api-key revoke --id <id>`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const [group, command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      id: { type: "string" },
      "expires-days": { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    strict: true,
  });
  const known = ["user add", "user list", "user disable", "user enable", "user set-role", "user reset-password", "api-key create", "api-key list", "api-key revoke"];
  if (!known.includes(`${group} ${command}`)) fail(USAGE);
  if (values.role !== undefined && !isRole(values.role)) fail(`--role must be one of ${ROLES.join(", ")}`);

  const database = await openDatabase();
  const { db, pool } = createDb(database.url, 1);
  try {
    if (group === "user" && command === "add") {
      if (!values.email || !values.role) fail(USAGE);
      const generated = !values["password-stdin"];
      const password = generated ? randomBytes(12).toString("base64url") : await readStdin();
      const user = await createUser({
        db,
        actor: SYSTEM_ACTOR,
        input: { email: values.email, name: values.name, role: values.role as (typeof ROLES)[number], password },
      });
      console.log(`Created ${user.email} (${user.role}).`);
      if (generated) console.log(`Password (shown once): ${password}`);
    } else if (group === "user" && command === "list") {
      const users = await db.user.findMany({ orderBy: { email: "asc" } });
      for (const user of users) console.log(`${user.email}\t${user.role}\t${user.disabledAt ? "disabled" : "active"}`);
    } else if (group === "user" && (command === "disable" || command === "enable")) {
      if (!values.email) fail(USAGE);
      const result = await setUserDisabled({ db, actor: SYSTEM_ACTOR, email: values.email, disabled: command === "disable" });
      console.log(result.disabled ? `Disabled ${result.email}: their sessions and API keys are refused from their next request.` : `Enabled ${result.email}.`);
    } else if (group === "user" && command === "set-role") {
      if (!values.email || !values.role) fail(USAGE);
      const result = await changeUserRole({ db, actor: SYSTEM_ACTOR, email: values.email, role: values.role as (typeof ROLES)[number] });
      console.log(`${result.email} is now ${result.role}.`);
    } else if (group === "user" && command === "reset-password") {
      if (!values.email) fail(USAGE);
      const result = await resetPassword({ db, actor: SYSTEM_ACTOR, email: values.email, password: values["password-stdin"] ? await readStdin() : undefined });
      console.log(`New password set for ${result.email}.`);
      if (result.generated) console.log(`Password (shown once): ${result.password}`);
    } else if (group === "api-key" && command === "create") {
      if (!values.name || !values.role) fail(USAGE);
      const days = values["expires-days"] ? Number(values["expires-days"]) : undefined;
      const created = await createApiKey({
        db,
        actor: SYSTEM_ACTOR,
        input: { name: values.name, role: values.role as (typeof ROLES)[number], expiresInDays: days },
      });
      console.log(`Created API key "${created.name}" (${created.role}), id ${created.id}.`);
      console.log("Store it now; it is never shown again:");
      console.log(created.key);
    } else if (group === "api-key" && command === "list") {
      const keys = await db.apiKey.findMany({ orderBy: { createdAt: "asc" } });
      for (const key of keys) {
        const state = key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt < new Date() ? "expired" : "active";
        console.log(`${key.id}\t${key.name}\t${key.role}\tick_${key.prefix}_…\t${state}`);
      }
    } else {
      if (!values.id) fail(USAGE);
      await revokeApiKey({ db, actor: SYSTEM_ACTOR, id: values.id });
      console.log(`Revoked ${values.id}.`);
    }
  } finally {
    await db.$disconnect();
    // Prisma does not end a pool it was handed; an idle connection would keep the CLI alive.
    await pool.end();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.userMessage : error instanceof Error ? error.message : error);
  process.exit(1);
});
