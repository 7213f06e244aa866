/**
 * Container log files in the CRI format that kubelets write and kwok serves for
 * `kubectl logs`: `<RFC3339Nano> <stdout|stderr> F <line>` (lines in any other format are
 * dropped by the reader). One directory per container under .lab/logs/services/<name>/:
 * `current.log` for the container (`kubectl logs`), `previous.log` for the last one that
 * terminated (`kubectl logs --previous`).
 *
 * As the kubelet serves them: once a container exits, `--previous` gives its log at once —
 * during the crash-loop back-off too, when a responder reads it — and so does the plain
 * `kubectl logs` until the next instance starts with an empty log.
 */
import fs from "node:fs";
import path from "node:path";
import { POD_LOG_DIR } from "../core/paths.ts";

export const containerLogPaths = (container: string) => ({
  dir: path.join(POD_LOG_DIR, container),
  current: path.join(POD_LOG_DIR, container, "current.log"),
  previous: path.join(POD_LOG_DIR, container, "previous.log"),
});

const MAX_BYTES = 20 * 1024 * 1024;

export class CriLogWriter {
  private readonly paths;
  private partial: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };

  constructor(container: string) {
    this.paths = containerLogPaths(container);
    fs.mkdirSync(this.paths.dir, { recursive: true });
    if (!fs.existsSync(this.paths.current)) fs.writeFileSync(this.paths.current, "");
    if (!fs.existsSync(this.paths.previous)) fs.writeFileSync(this.paths.previous, "");
  }

  /** The container exited: its log is now the previous container's (and stays current until the next starts). */
  terminated(): void {
    this.flushPartial();
    fs.copyFileSync(this.paths.current, this.paths.previous);
  }

  /** A new pod: no container of it has run yet, so both logs start empty (`--previous` has nothing to show). */
  newPod(): void {
    this.partial = { stdout: "", stderr: "" };
    fs.writeFileSync(this.paths.current, "");
    fs.writeFileSync(this.paths.previous, "");
  }

  /** The next instance of the container started: its log starts empty. */
  restarted(): void {
    this.flushPartial();
    fs.writeFileSync(this.paths.current, "");
  }

  write(stream: "stdout" | "stderr", chunk: string): void {
    const text = this.partial[stream] + chunk;
    const lines = text.split("\n");
    this.partial[stream] = lines.pop() ?? "";
    if (lines.length) this.append(stream, lines);
  }

  flushPartial(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.partial[stream]) this.append(stream, [this.partial[stream]]);
      this.partial[stream] = "";
    }
  }

  private append(stream: "stdout" | "stderr", lines: string[]): void {
    const ts = criTimestamp(new Date());
    fs.appendFileSync(this.paths.current, lines.map((l) => `${ts} ${stream} F ${l}\n`).join(""));
    // keep the file bounded: a long-running lab must not fill the disk
    if (fs.statSync(this.paths.current).size > MAX_BYTES) {
      const keep = fs.readFileSync(this.paths.current).subarray(-MAX_BYTES / 2).toString();
      fs.writeFileSync(this.paths.current, keep.slice(keep.indexOf("\n") + 1));
    }
  }
}

/** RFC3339 with nanoseconds, as CRI log lines carry. */
export const criTimestamp = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
