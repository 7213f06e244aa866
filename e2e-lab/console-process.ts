import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";

/**
 * A console process of a journey's own, started like `npm start` (scripts/start.ts) with the
 * environment the journey gives (the lab's endpoints, or rewritten ones), on its own port and
 * database in the test PostgreSQL, with one account. Its output is kept for the journey to
 * read (the server log) and is not printed.
 */
const run = promisify(execFile);

export interface ConsoleProcess {
  base: string;
  /** everything the process wrote to stdout and stderr so far */
  log(): string;
  running(): boolean;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startConsoleProcess(options: {
  port: number;
  database: string;
  env: Record<string, string | undefined>;
  account: { email: string; password: string; role: string };
  /** the address the console reaches its database at, given the database's own (a proxy in front of it); default: the database's */
  databaseVia?: (url: URL) => Promise<URL>;
}): Promise<ConsoleProcess> {
  const { stdout: server } = await run("bash", ["scripts/test-postgres.sh", "start"]);
  const serverUrl = server.trim();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${options.database}`);
  await admin.end();
  const databaseUrl = `${serverUrl.replace(/\/postgres$/, "")}/${options.database}`;
  const consoleDatabaseUrl = options.databaseVia ? (await options.databaseVia(new URL(databaseUrl))).toString() : databaseUrl;
  const base = `http://127.0.0.1:${options.port}`;

  const output: string[] = [];
  // Its own process group, so stopping it stops npx and Next.js below it too.
  const child = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, ...options.env, DATABASE_URL: consoleDatabaseUrl, PORT: String(options.port), NEXTAUTH_URL: base, DATA_DIR: `.e2e-data-${options.database}`, NEXTAUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!running() || child.pid === undefined) return;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // the group is gone already
      }
    };
    signal("SIGTERM");
    for (let i = 0; i < 50 && running(); i++) await sleep(100);
    if (running()) signal("SIGKILL");
  };
  const log = () => output.join("");

  try {
    // A build may run first when the sources are newer than .next (scripts/start.ts).
    const until = Date.now() + 15 * 60_000;
    for (;;) {
      if (!running()) throw new Error(`the console exited before serving:\n${log().slice(-3_000)}`);
      if (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((response) => response.ok, () => false)) break;
      if (Date.now() > until) throw new Error(`the console did not serve ${base}/api/health within 15 minutes`);
      await sleep(1_000);
    }
    // The schema exists now (the launcher migrates before serving).
    const add = spawn("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "user", "add", "--role", options.account.role, "--email", options.account.email, "--password-stdin"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let addErrors = "";
    add.stderr.on("data", (chunk: Buffer) => (addErrors += chunk.toString()));
    add.stdin.end(`${options.account.password}\n`);
    const code = await new Promise<number | null>((resolve) => add.on("exit", resolve));
    if (code !== 0) throw new Error(`user add ${options.account.email} failed (${code}): ${addErrors}`);
    return { base, log, running, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
