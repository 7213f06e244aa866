/**
 * Runs one pipeline service as a "container": starts it (node + tsx), captures its
 * stdout/stderr into CRI log files, restarts it with a crash-loop back-off when it exits,
 * and kills it when its resident memory passes the pod's memory limit (OOMKilled) — the
 * parts of a kubelet the runbook's symptoms depend on.
 *
 * Back-off is shorter than the kubelet's (10 s doubling to 5 min) so the lab's crash loop
 * shows rising restarts within a minute: 2, 5, 10, 20, then 30 s; reset after 60 s up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { REPO_DIR } from "../core/paths.ts";
import { cpuSeconds, rssBytes } from "../core/proc.ts";
import type { SupervisedWorkload } from "../cluster/workloads.ts";
import type { ContainerEvent, ContainerState, Termination } from "./container-state.ts";
import { CriLogWriter } from "./cri-log.ts";

const BACKOFF_MS = [2_000, 5_000, 10_000, 20_000, 30_000];
const STABLE_AFTER_MS = 60_000;

export class Supervisor {
  private child: ChildProcess | null = null;
  private startedAt: Date | null = null;
  private restartCount = 0;
  private consecutiveFailures = 0;
  private lastTermination: Termination | undefined;
  private waiting: { reason: string; message?: string } | null = { reason: "ContainerCreating" };
  private restartTimer: NodeJS.Timeout | null = null;
  private oomKilling = false;
  private stopping = false;
  private healthy = false;
  private lastCpu: { at: number; seconds: number } | null = null;
  private usage: ContainerState["usage"];
  private readonly log: CriLogWriter;
  private readonly healthUrl: string | undefined;

  constructor(
    readonly workload: SupervisedWorkload,
    private readonly emit: (event: ContainerEvent) => void,
  ) {
    this.log = new CriLogWriter(workload.name);
    this.healthUrl = workload.endpoints.http ? `${workload.endpoints.http}/health` : undefined;
  }

  /** The pod whose container this process is; a new pod (rollout) gets a fresh process. */
  boundPod: string | null = null;

  /** The bound pod's TRACING_* variables, which the process gets as a container would. */
  private podEnv: Record<string, string> = {};

  /**
   * Runs the process for `podUid`: restarts it when the pod changed, starts it when stopped.
   * Of the pod's environment only TRACING_* is passed: its other variables name in-cluster
   * addresses (kafka-0.kafka…:9092) that the lab's processes cannot reach.
   */
  async bind(podUid: string, env: Record<string, string> = {}): Promise<void> {
    if (this.boundPod !== podUid) {
      if (this.boundPod) {
        await this.stop();
        this.log.newPod();
      }
      this.boundPod = podUid;
      this.podEnv = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith("TRACING_")));
      this.restartCount = 0;
      this.consecutiveFailures = 0;
      this.lastTermination = undefined;
      this.startedAt = null;
    }
    this.stopping = false;
    if (this.child || this.restartTimer) return;
    this.launch();
  }

  /** No pod left for this workload: stop the process. */
  async unbind(): Promise<void> {
    this.boundPod = null;
    await this.stop();
  }

  private launch(): void {
    this.restartTimer = null;
    if (this.lastTermination) this.log.restarted();
    // nice: the lab shares 2 cores with other work; `nice` execs, so the pid is node's
    const child = spawn("nice", ["-n", "10", process.execPath, "--import", "tsx", this.workload.entry], {
      cwd: REPO_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...this.podEnv, LAB_SERVICE: this.workload.name, KAFKAJS_NO_PARTITIONER_WARNING: "1" },
    });
    this.child = child;
    this.startedAt = new Date();
    this.waiting = null;
    this.healthy = !this.healthUrl;
    this.lastCpu = null;
    child.stdout?.setEncoding("utf8").on("data", (c: string) => this.log.write("stdout", c));
    child.stderr?.setEncoding("utf8").on("data", (c: string) => this.log.write("stderr", c));
    child.on("exit", (code, signal) => this.onExit(code, signal));
    this.emit({ type: "Normal", reason: "Started", message: `Started container ${this.workload.name}` });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.log.terminated();
    const finishedAt = new Date();
    const ranMs = finishedAt.getTime() - (this.startedAt?.getTime() ?? finishedAt.getTime());
    const signo = signal ? ({ SIGKILL: 9, SIGTERM: 15, SIGINT: 2 } as Record<string, number>)[signal] : undefined;
    const exitCode = code ?? 128 + (signo ?? 0);
    const reason: Termination["reason"] = this.oomKilling ? "OOMKilled" : exitCode === 0 ? "Completed" : "Error";
    this.lastTermination = {
      exitCode,
      signal: signo,
      reason,
      startedAt: (this.startedAt ?? finishedAt).toISOString(),
      finishedAt: finishedAt.toISOString(),
    };
    this.child = null;
    this.startedAt = null;
    this.oomKilling = false;
    this.healthy = false;
    this.usage = undefined;
    if (this.stopping) {
      this.waiting = { reason: "ContainerCreating" };
      return;
    }
    this.consecutiveFailures = ranMs > STABLE_AFTER_MS ? 1 : this.consecutiveFailures + 1;
    const delay = BACKOFF_MS[Math.min(this.consecutiveFailures - 1, BACKOFF_MS.length - 1)]!;
    const pod = this.workload.name;
    this.waiting = { reason: "CrashLoopBackOff", message: `back-off ${delay / 1000}s restarting failed container=${pod} pod=${pod}` };
    this.emit({ type: "Warning", reason: "BackOff", message: `Back-off restarting failed container ${pod} (exit code ${exitCode}, ${reason})` });
    this.restartTimer = setTimeout(() => {
      this.restartCount += 1;
      this.launch();
    }, delay);
  }

  /** Called every second: memory limit, usage, readiness. */
  async tick(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid || !this.child) return;
    const rss = rssBytes(pid);
    const cpu = cpuSeconds(pid);
    if (rss !== null && cpu !== null) {
      const now = Date.now();
      const millicores = this.lastCpu ? Math.round(((cpu - this.lastCpu.seconds) / ((now - this.lastCpu.at) / 1000)) * 1000) : 0;
      this.lastCpu = { at: now, seconds: cpu };
      this.usage = { memoryBytes: rss, cpuMillicores: Math.max(1, millicores) };
      if (rss > this.workload.memoryLimitBytes && !this.oomKilling) {
        this.oomKilling = true;
        this.emit({
          type: "Warning",
          reason: "OOMKilling",
          message: `Memory cgroup out of memory: Killed process ${pid} (node) total-rss:${Math.round(rss / 1024)}kB limit:${Math.round(this.workload.memoryLimitBytes / 1024)}kB`,
        });
        this.child.kill("SIGKILL");
        return;
      }
    }
    if (this.healthUrl) {
      try {
        const res = await fetch(this.healthUrl, { signal: AbortSignal.timeout(2_000) });
        this.healthy = res.ok;
      } catch {
        this.healthy = false;
      }
    }
  }

  state(): ContainerState {
    const running = this.child && this.startedAt;
    return {
      state: running
        ? { running: { startedAt: this.startedAt!.toISOString() } }
        : this.waiting
          ? { waiting: this.waiting }
          : { waiting: { reason: "ContainerCreating" } },
      ready: Boolean(running && this.healthy),
      restartCount: this.restartCount,
      lastTermination: this.lastTermination,
      pid: this.child?.pid,
      usage: this.usage,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
    await exited;
    clearTimeout(timer);
  }
}
