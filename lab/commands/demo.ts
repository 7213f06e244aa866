/**
 * `npm run demo`: the lab up, then the incident console (scripts/start.ts with
 * CONSOLE_DEMO=true, which prints the demo accounts) pointed at it. Runs in the
 * foreground; Ctrl-C stops the console and leaves the lab running (`npm run lab -- down`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { labEnv } from "../core/lab-env.ts";
import { REPO_DIR } from "../core/paths.ts";
import { up } from "./up.ts";

export async function demo(): Promise<void> {
  await up();
  const port = process.env.PORT ?? "3000";
  const env = { ...process.env, ...labEnv(), CONSOLE_DEMO: "true", PORT: port };
  console.log("\nstarting the incident console against the lab:");
  for (const [k, v] of Object.entries(labEnv())) console.log(`  ${k}=${v}`);
  const consoleProcess = spawn(process.execPath, ["--import", "tsx", path.join(REPO_DIR, "scripts", "start.ts")], { cwd: REPO_DIR, env, stdio: "inherit" });
  console.log(`\nconsole: http://localhost:${port}  (demo accounts are printed by the console below)`);
  console.log("faults: npm run lab -- faults | fault <name> | heal\n");
  const stop = () => consoleProcess.kill("SIGINT");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise<number>((resolve) => consoleProcess.on("exit", (c) => resolve(c ?? 0)));
  if (code !== 0) throw new Error(`the console exited with ${code}`);
}
