/**
 * `npm start`: checks the configuration, provides the database (embedded PGlite under
 * .data/ unless DATABASE_URL is set), applies migrations, builds when the build is missing
 * or older than the sources, then serves the console. `--dev` runs `next dev` instead.
 *
 * This process stays the parent of Next.js: it owns the embedded database, keeps retrying
 * migrations while a real database is down, and stops everything on Ctrl-C.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parseEnv } from "../lib/config/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded";
import { clearEmbeddedRecord, writeEmbeddedRecord } from "../lib/db/embedded-registry";
import { grantConsoleRole } from "../lib/db/console-role";
import { applyMigrations } from "../lib/db/migrations";
import { ensureDemoAccounts } from "./demo-accounts";

const dev = process.argv.includes("--dev");
const log = (message: string) => console.log(`[console] ${message}`);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = ["app", "components", "lib", "public", "prisma/schema.prisma", "package.json", "next.config.js", "proxy.ts"];
  return Math.max(...sources.map(newestMtime)) <= statSync(buildId).mtimeMs;
}

async function authSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64");
  await writeFile(file, secret, { mode: 0o600 });
  log(`NEXTAUTH_SECRET not set: generated one in ${file} (set NEXTAUTH_SECRET to share sessions between replicas).`);
  return secret;
}

/** True only when the database answers that it has at least one user. */
async function hasUsers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "User"');
    return Number(rows[0]?.n ?? 0) > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Before the first account exists, /setup makes whoever completes it administrator. A token
 * printed here (and kept in the data directory, readable only by this user) proves the
 * person at /setup is the one who started the console, even with HOST=0.0.0.0.
 */
async function setupToken(dataDir: string, url: string, publicUrl: string): Promise<string | undefined> {
  const file = path.join(dataDir, "setup-token");
  if (await hasUsers(url)) {
    await rm(file, { force: true });
    return undefined;
  }
  const token = process.env.CONSOLE_SETUP_TOKEN || randomBytes(16).toString("hex");
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  log(`first run: open ${publicUrl}/setup and enter the set-up token ${token} (also in ${file})`);
  return token;
}

/** Set when the console's role must be given its grants after each migration (DATABASE_MIGRATION_URL). */
let consoleRole: string | undefined;

async function migrate(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const applied = await applyMigrations(client);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    if (consoleRole) {
      const problem = await grantConsoleRole(client, consoleRole);
      if (problem) {
        console.error(`The console cannot start: ${problem}.`);
        process.exit(1);
      }
      log(`the console connects as ${consoleRole}, which may append to the audit log but not truncate or alter it`);
    }
    return true;
  } catch (error) {
    log(`database not ready (${(error as Error).message}); the console starts anyway, /api/ready reports it, retrying every 5 s`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  const parsed = parseEnv();
  if (!parsed.ok) {
    console.error("The console cannot start: the configuration is not valid.\n");
    for (const problem of parsed.errors) console.error(`  - ${problem}`);
    console.error("\nSee the Configuration section of README.md for every variable.");
    process.exit(1);
  }
  const config = parsed.env;
  const dataDir = path.resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  childEnv.NEXTAUTH_SECRET = config.NEXTAUTH_SECRET ?? (await authSecret(dataDir));
  childEnv.NEXTAUTH_URL = config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`;

  let embedded: EmbeddedPostgres | undefined;
  if (config.DATABASE_URL) {
    log("using the PostgreSQL in DATABASE_URL");
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
    await writeEmbeddedRecord(dataDir, { url: embedded.url, pid: process.pid });
    childEnv.DATABASE_URL = embedded.url;
    // One connection: see lib/db/embedded.ts for why.
    childEnv.DATABASE_POOL_SIZE = "1";
    childEnv.CONSOLE_EMBEDDED_DB = "true";
    log(`embedded database (PGlite) in ${path.join(dataDir, "pglite")}, served on ${embedded.url.replace(/\/\/[^@]*@/, "//")}`);
  }
  const databaseUrl = childEnv.DATABASE_URL!;
  // With DATABASE_MIGRATION_URL the owner migrates and the console runs as DATABASE_URL's role.
  const migrationUrl = config.DATABASE_MIGRATION_URL ?? databaseUrl;
  if (config.DATABASE_MIGRATION_URL) {
    consoleRole = decodeURIComponent(new URL(databaseUrl).username);
    delete childEnv.DATABASE_MIGRATION_URL;
  }

  if (!(await migrate(migrationUrl))) {
    const retry = setInterval(async () => {
      if (await migrate(migrationUrl)) clearInterval(retry);
    }, 5_000);
    retry.unref();
  } else if (config.CONSOLE_DEMO) {
    await ensureDemoAccounts(databaseUrl, log);
  }

  const token = await setupToken(dataDir, databaseUrl, childEnv.NEXTAUTH_URL);
  if (token) childEnv.CONSOLE_SETUP_TOKEN = token;
  else delete childEnv.CONSOLE_SETUP_TOKEN;

  if (!dev && !buildIsCurrent()) {
    log("building the console (first start, or sources changed)…");
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
    if (build.status !== 0) {
      console.error("The build failed; see the output above.");
      await embedded?.stop();
      process.exit(1);
    }
  }

  const host = process.env.HOST || "127.0.0.1";
  // The preload stamps each request with its socket's peer address: Next.js route handlers
  // see only headers, and the sign-in throttle must not trust X-Forwarded-For blindly.
  const preload = `--import ${JSON.stringify(fileURLToPath(new URL("./peer-address.mjs", import.meta.url)))}`;
  const next = spawn("npx", ["next", dev ? "dev" : "start", "-p", String(config.PORT), "-H", host], {
    stdio: "inherit",
    env: {
      ...childEnv,
      NODE_ENV: dev ? "development" : "production",
      NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" "),
    },
  });
  log(`serving on http://${host === "0.0.0.0" ? "localhost" : host}:${config.PORT}`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await embedded?.stop().catch(() => {});
    await clearEmbeddedRecord(dataDir);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));
  next.on("exit", (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
