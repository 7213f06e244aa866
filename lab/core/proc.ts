/**
 * Detached lab processes with pid files in `.lab/run/<name>.pid` (the convention the shell
 * scripts use too), so `lab down` and `lab status` work from any shell.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { LOG_DIR, RUN_DIR } from "./paths.ts";

export const pidFile = (name: string) => path.join(RUN_DIR, `${name}.pid`);

/** The pid recorded for `name` when that process is alive and its command line contains `marker`. */
export function livePid(name: string, marker?: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile(name), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  if (marker) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (!cmdline.includes(marker)) return null; // pid reused by something else
    } catch {
      return null;
    }
  }
  return pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // a zombie is not alive for our purposes
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Starts `command args` in its own session, output appended to `.lab/logs/<name>.log`. */
export function startDetached(name: string, command: string, args: string[], env: Record<string, string | undefined> = {}): number {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const log = fs.openSync(path.join(LOG_DIR, `${name}.log`), "a");
  fs.writeSync(log, `\n===== ${new Date().toISOString()} start =====\n`);
  const child = spawn(command, args, { detached: true, stdio: ["ignore", log, log], env: { ...process.env, ...env } });
  fs.closeSync(log);
  child.unref();
  if (!child.pid) throw new Error(`could not start ${name}`);
  fs.writeFileSync(pidFile(name), `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM, wait up to `timeoutMs`, then SIGKILL. Removes the pid file. */
export async function stopPid(name: string, marker?: string, timeoutMs = 10_000): Promise<boolean> {
  const pid = livePid(name, marker);
  if (pid === null) {
    fs.rmSync(pidFile(name), { force: true });
    return false;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(pidFile(name), { force: true });
  return true;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs: number, intervalMs = 500): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    }
    await sleep(intervalMs);
  }
}

/** Runs a command to completion; returns its output (never throws on exit status). */
export function run(command: string, args: string[], opts: { timeoutMs?: number; input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}) {
  const result = spawnSync(command, args, {
    cwd: opts.cwd,
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 120_000,
    input: opts.input,
    env: { ...process.env, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Resident memory of a process in bytes (from /proc), or null when it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user+system) used by a process so far, in seconds. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
