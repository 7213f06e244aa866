/**
 * The set of active faults, kept in `.lab/faults.json`.
 *
 * `lab fault <name>` / `lab heal` write it; the pipeline services and the lab controller
 * poll it (a file, not an API, so a fault survives restarts of any process — a crash loop
 * must keep crashing after the pod restarts, as a bad config would).
 */
import fs from "node:fs";
import path from "node:path";
import { FAULTS_FILE } from "./paths.ts";

export type ActiveFaults = Record<string, { since: string }>;

export function readFaults(file = FAULTS_FILE): ActiveFaults {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return parsed && typeof parsed === "object" ? (parsed as ActiveFaults) : {};
  } catch {
    return {};
  }
}

function writeFaults(faults: ActiveFaults, file = FAULTS_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(faults, null, 2) + "\n");
  fs.renameSync(tmp, file); // atomic: readers never see half a file
}

export function setFault(name: string, active: boolean): void {
  const faults = readFaults();
  if (active) faults[name] ??= { since: new Date().toISOString() };
  else delete faults[name];
  writeFaults(faults);
}

export function isFaultActive(name: string): boolean {
  return name in readFaults();
}

/**
 * Calls `onChange` with the active fault names whenever the file changes (polled: fs.watch
 * misses atomic renames on some filesystems). Returns a stop function.
 */
export function watchFaults(onChange: (active: Set<string>) => void, intervalMs = 500): () => void {
  let last = "";
  const tick = () => {
    const active = Object.keys(readFaults()).sort();
    const key = active.join(",");
    if (key !== last) {
      last = key;
      onChange(new Set(active));
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
