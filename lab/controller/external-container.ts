/**
 * A data service (Kafka, ClickHouse, PostgreSQL, Redis, Prometheus) seen as a container:
 * started and stopped by lab/scripts, observed here through its pid file and port. A new
 * pid means the container restarted; a missing one means it is down (broker-down fault).
 * Its own log file is copied, line by line, into the pod's CRI log. For a Deployment (Jaeger,
 * Prometheus), a new pod — a rollout restart, a deleted pod — restarts the process, as a
 * kubelet starts the new pod's container (restart-external.ts).
 */
import fs from "node:fs";
import net from "node:net";
import { cpuSeconds, livePid, rssBytes } from "../core/proc.ts";
import type { ExternalWorkload } from "../cluster/workloads.ts";
import type { ContainerEvent, ContainerState, Termination } from "./container-state.ts";
import { CriLogWriter } from "./cri-log.ts";

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port, timeout: 1_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });

export class ExternalContainer {
  private pid: number | null = null;
  private startedAt: Date | null = null;
  private restartCount = 0;
  private lastTermination: Termination | undefined;
  private ready = false;
  private lastCpu: { at: number; seconds: number } | null = null;
  private usage: ContainerState["usage"];
  private readonly log: CriLogWriter;
  private logOffset = -1;
  /** the pod whose container the running process is; null until the first pod is seen */
  private boundPod: string | null = null;
  private restarting = false;

  constructor(
    readonly workload: ExternalWorkload,
    private readonly emit: (event: ContainerEvent) => void,
  ) {
    this.log = new CriLogWriter(workload.name);
  }

  async tick(): Promise<void> {
    const pid = livePid(this.workload.pidName);
    if (pid !== this.pid) {
      if (this.pid !== null) {
        const finishedAt = new Date();
        this.copyLog();
        this.log.terminated();
        this.lastTermination = { exitCode: 143, signal: 15, reason: "Error", startedAt: (this.startedAt ?? finishedAt).toISOString(), finishedAt: finishedAt.toISOString() };
        this.emit({ type: "Warning", reason: "BackOff", message: `Container ${this.workload.name} exited (pid ${this.pid} gone)` });
      }
      if (pid !== null) {
        if (this.pid !== null || this.lastTermination) {
          this.restartCount += 1;
          this.log.restarted();
        }
        this.startedAt = new Date();
        this.emit({ type: "Normal", reason: "Started", message: `Started container ${this.workload.name}` });
      } else {
        this.startedAt = null;
      }
      this.pid = pid;
      this.lastCpu = null;
    }
    this.ready = pid !== null && (await portOpen(this.workload.readinessPort));
    this.copyLog();
    if (pid !== null) {
      const rss = rssBytes(pid);
      const cpu = cpuSeconds(pid);
      const now = Date.now();
      if (rss !== null && cpu !== null) {
        const millicores = this.lastCpu ? Math.round(((cpu - this.lastCpu.seconds) / ((now - this.lastCpu.at) / 1000)) * 1000) : 0;
        this.usage = { memoryBytes: rss, cpuMillicores: Math.max(1, millicores) };
        this.lastCpu = { at: now, seconds: cpu };
      }
    } else {
      this.usage = undefined;
    }
  }

  /**
   * The newest pod of the workload's Deployment. The first one seen is adopted as it runs (the
   * controller started beside a running lab); a different one later is a new pod, whose
   * container starts afresh: `restart` stops the process and starts it again (or just starts
   * it when it was down). One restart at a time; the pod seen when it ends is the one bound.
   */
  bindPod(uid: string, restart: () => Promise<void>, onError: (error: Error) => void): void {
    if (this.boundPod === null) this.boundPod = uid;
    if (uid === this.boundPod || this.restarting) return;
    this.boundPod = uid;
    this.restarting = true;
    this.emit({ type: "Normal", reason: "Killing", message: `Stopping container ${this.workload.name}` });
    restart()
      .catch(onError)
      .finally(() => (this.restarting = false));
  }

  /** New lines of the server's own log → the pod log (the last 200 on first sight). */
  private copyLog(): void {
    let size: number;
    try {
      size = fs.statSync(this.workload.logFile).size;
    } catch {
      return;
    }
    if (this.logOffset < 0 || size < this.logOffset) this.logOffset = Math.max(0, size - 32 * 1024);
    if (size === this.logOffset) return;
    const fd = fs.openSync(this.workload.logFile, "r");
    try {
      const length = Math.min(size - this.logOffset, 1024 * 1024);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, this.logOffset);
      this.logOffset += length;
      this.log.write("stdout", buf.toString("utf8"));
    } finally {
      fs.closeSync(fd);
    }
  }

  state(): ContainerState {
    return {
      state: this.pid && this.startedAt ? { running: { startedAt: this.startedAt.toISOString() } } : this.lastTermination ? { terminated: this.lastTermination } : { waiting: { reason: "ContainerCreating" } },
      ready: this.ready,
      restartCount: this.restartCount,
      lastTermination: this.pid ? this.lastTermination : undefined,
      pid: this.pid ?? undefined,
      usage: this.usage,
    };
  }
}
