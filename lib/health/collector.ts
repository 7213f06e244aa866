import { FigureHistory, type Point } from "./history";
import type { ClaimAnswer, ProbeSharing, SharedPanel } from "./probe-sharing";
import type { Figures, Finding, HealthStatus, SystemHealth } from "./types";

/**
 * The one collector every viewer shares. Each panel (a service or an infrastructure system)
 * is probed on its own: a hung backend holds only its own panel, which turns `unknown` with
 * the error kind at the deadline while the others keep refreshing. Probing happens only
 * while someone looks (a request within `idleMs`), every `cadenceMs`, never twice at once
 * for the same panel, however many browsers poll: a request reads the last results.
 *
 * With `sharing` (several console processes on one PostgreSQL), the processes also take
 * turns: per panel, the one that claims the next probe probes and publishes, the others read
 * the result (probe-sharing.ts), so each backend sees one probe per cadence whatever the
 * number of processes. If the database cannot answer, each process probes on its own.
 */
export interface PanelDefinition {
  kind: "service" | "system";
  name: string;
  probe(): Promise<SystemHealth>;
}

export interface PanelHealth {
  name: string;
  status: HealthStatus;
  reasons: string[];
  figures: Figures;
  /** the symptoms behind a non-ok status, each with the runbook procedure that diagnoses it */
  findings: Finding[];
  /** when the probe behind this state started (ISO) */
  checkedAt: string;
  /** how long that probe took */
  ms: number;
  /** the last minutes of each numeric figure, for sparklines */
  history: Record<string, Point[]>;
}

export interface HealthSnapshot {
  services: PanelHealth[];
  systems: PanelHealth[];
  /** the oldest panel's checkedAt: no panel is older */
  checkedAt: string;
}

interface PanelState {
  definition: PanelDefinition;
  health: PanelHealth | null;
  inFlight: Promise<void> | null;
  history: FigureHistory;
}

export interface CollectorOptions {
  deadlineMs: number;
  cadenceMs: number;
  /** data older than this is re-probed before it is answered */
  freshnessMs: number;
  historyMs: number;
  idleMs?: number;
  now?: () => number;
  /** other console processes on the same database: take turns probing each panel */
  sharing?: ProbeSharing;
  /** told of every probe this process ran (for its metrics): the panel's key, and whether the result went to the others */
  onProbe?: (panel: string, published: boolean) => void;
}

/** After the database failed to answer, the collector probes on its own this long before asking it again. */
const SHARING_RETRY_MS = 5_000;
/** How often a process waiting for another's probe looks for the result. */
const AWAIT_POLL_MS = 100;

export class HealthCollector {
  private readonly panels: PanelState[];
  private lastDemand = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private sharingDownUntil = 0;

  constructor(
    definitions: PanelDefinition[],
    private readonly options: CollectorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.panels = definitions.map((definition) => ({ definition, health: null, inFlight: null, history: new FigureHistory(options.historyMs) }));
  }

  /**
   * The current state of every panel. A panel never probed, or older than the freshness goal
   * (nobody watched for a while), is probed first: the answer waits at most the deadline
   * (with sharing, for another process's probe under way: at most its lease, then this one probes).
   */
  async snapshot(): Promise<HealthSnapshot> {
    this.lastDemand = this.now();
    this.ensureRunning();
    const stale = this.panels.filter((panel) => this.isStale(panel));
    if (stale.length && !this.options.sharing) await Promise.all(stale.map((panel) => panel.inFlight ?? this.track(panel, this.probe(panel))));
    else if (stale.length) {
      await Promise.all(this.obtain(stale, true));
      // A panel that was already being refreshed by a sweep (which does not wait for others) may still be stale.
      const still = stale.filter((panel) => this.isStale(panel));
      if (still.length) await Promise.all(this.obtain(still, true));
    }
    return this.assemble();
  }

  /** Probes every panel once more, in this process, and waits for it (benchmarks, tests). */
  async refresh(): Promise<HealthSnapshot> {
    this.lastDemand = this.now();
    await Promise.all(this.panels.map((panel) => panel.inFlight ?? this.track(panel, this.probe(panel))));
    return this.assemble();
  }

  /** The panels as they stand, asking for nothing (tests). */
  peek(): HealthSnapshot {
    return this.assemble();
  }

  /**
   * One sweep, as the timer runs it while someone watches: alone, every panel not being
   * probed is probed; with sharing, one statement claims the panels due for this process
   * (which it probes and publishes) and brings the others' latest results.
   */
  async sweep(): Promise<void> {
    const idle = this.panels.filter((panel) => !panel.inFlight);
    if (!this.options.sharing) {
      await Promise.all(idle.map((panel) => this.track(panel, this.probe(panel))));
      return;
    }
    await Promise.all(this.obtain(idle, false));
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private ensureRunning() {
    if (this.timer) return;
    // With sharing the sweep runs twice per cadence: a process that is not probing a panel
    // picks up the holder's result within half a cadence; the holder still probes once per cadence.
    const every = this.options.sharing ? Math.max(Math.round(this.options.cadenceMs / 2), 1) : this.options.cadenceMs;
    this.timer = setInterval(() => {
      if (this.now() - this.lastDemand > (this.options.idleMs ?? 60_000)) return this.stop();
      void this.sweep();
    }, every);
    this.timer.unref();
  }

  private isStale(panel: PanelState): boolean {
    return !panel.health || this.now() - Date.parse(panel.health.checkedAt) > this.options.freshnessMs;
  }

  private get timing() {
    const { cadenceMs, deadlineMs } = this.options;
    return {
      // a little early, so the holder's own sweep (twice per cadence) is never half a cadence late
      selfDueMs: cadenceMs - Math.min(250, cadenceMs / 4),
      // the probe's own limit (deadline + 250 ms) and time to publish
      probeLeaseMs: deadlineMs + 750,
      // the holder's next turn, plus half a cadence before another process takes over
      holdMs: cadenceMs + cadenceMs / 2,
    };
  }

  /** A panel's job (probe, or claim and probe or wait) is the one in flight until it settles. */
  private track(panel: PanelState, job: Promise<void>): Promise<void> {
    const tracked: Promise<void> = job.finally(() => {
      if (panel.inFlight === tracked) panel.inFlight = null;
    });
    panel.inFlight = tracked;
    return tracked;
  }

  /** Sharing: one claim for the panels not already in flight, then each settles on its own. */
  private obtain(panels: PanelState[], waitForOthers: boolean): Promise<void>[] {
    const idle = panels.filter((panel) => !panel.inFlight);
    if (idle.length) {
      const answer = this.claim(idle);
      for (const panel of idle) this.track(panel, answer.then((claimed) => this.settle(panel, claimed, waitForOthers)));
    }
    return panels.map((panel) => panel.inFlight ?? Promise.resolve());
  }

  private sharingUp(): ProbeSharing | null {
    return this.options.sharing && this.now() >= this.sharingDownUntil ? this.options.sharing : null;
  }

  private sharingFailed() {
    this.sharingDownUntil = this.now() + SHARING_RETRY_MS;
  }

  private async claim(panels: PanelState[]): Promise<ClaimAnswer | null> {
    const sharing = this.sharingUp();
    if (!sharing) return null;
    try {
      return await sharing.claim(panels.map(key), this.timing);
    } catch {
      this.sharingFailed();
      return null;
    }
  }

  private async settle(panel: PanelState, answer: ClaimAnswer | null, waitForOthers: boolean): Promise<void> {
    if (!answer) {
      // The database did not answer: probe alone, once per cadence as if sharing with nobody.
      const age = panel.health ? this.now() - Date.parse(panel.health.checkedAt) : Number.POSITIVE_INFINITY;
      if (waitForOthers || age >= this.timing.selfDueMs) await this.probe(panel);
      return;
    }
    this.adopt(panel, answer.panels.get(key(panel)));
    const claimNo = answer.claimed.get(key(panel));
    if (claimNo) return this.probe(panel, claimNo);
    if (waitForOthers && this.isStale(panel)) await this.awaitOthers(panel);
  }

  /**
   * Another process holds the claim: wait for its result while its lease lasts, then claim
   * the panel (it died, or hangs) and probe, or probe alone if yet another process took it.
   */
  private async awaitOthers(panel: PanelState): Promise<void> {
    const giveUpAt = this.now() + this.timing.probeLeaseMs;
    for (;;) {
      const sharing = this.sharingUp();
      if (!sharing) return this.probe(panel);
      let row: SharedPanel | undefined;
      try {
        row = (await sharing.read([key(panel)])).get(key(panel));
      } catch {
        this.sharingFailed();
        return this.probe(panel);
      }
      this.adopt(panel, row);
      if (!this.isStale(panel)) return;
      const wait = Math.min(row?.leaseRemainingMs ?? 0, giveUpAt - this.now());
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(AWAIT_POLL_MS, wait)));
    }
    const answer = await this.claim([panel]);
    return this.probe(panel, answer?.claimed.get(key(panel)));
  }

  /** Takes another process's result if it is newer than this one's, into the history too (sparklines match everywhere). */
  private adopt(panel: PanelState, shared: SharedPanel | undefined) {
    const result = shared?.result;
    if (!result || (panel.health && result.checkedAt <= panel.health.checkedAt)) return;
    panel.history.record(Date.parse(result.checkedAt) + result.ms, result.figures);
    panel.health = { ...result, name: panel.definition.name, history: {} };
  }

  /** Probes the panel (bounded by the deadline) and, under a claim, publishes the result for the other processes. */
  private async probe(panel: PanelState, claimNo?: string): Promise<void> {
    const started = this.now();
    const startedAt = new Date(started).toISOString();
    const deadlineMs = this.options.deadlineMs + 250;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<SystemHealth>((resolve) => {
      timer = setTimeout(() => resolve({ status: "unknown", reasons: [`timeout: no answer within ${this.options.deadlineMs} ms`], figures: {} }), deadlineMs);
    });
    const health = await Promise.race([
      panel.definition.probe().catch((error: unknown) => ({
        status: "unknown" as const,
        reasons: [`probe failed: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`],
        figures: {},
      })),
      deadline,
    ]);
    clearTimeout(timer);
    const finished = this.now();
    // At the probe's end (start + ms), where other processes put it when they adopt it.
    panel.history.record(finished, health.figures);
    panel.health = { name: panel.definition.name, ...health, findings: "findings" in health ? (health.findings ?? []) : [], checkedAt: startedAt, ms: finished - started, history: {} };
    const sharing = claimNo ? this.sharingUp() : null;
    let published = false;
    if (sharing && claimNo) {
      const { history: _history, ...result } = panel.health;
      // Unpublished (the database went away, or the lease ran out and another process took
      // over), the others wait at most the lease and then probe themselves.
      published = await sharing.publish(key(panel), claimNo, result, this.timing.holdMs).catch(() => (this.sharingFailed(), false));
    }
    this.options.onProbe?.(key(panel), published);
  }

  private assemble(): HealthSnapshot {
    const view = (panel: PanelState): PanelHealth =>
      panel.health
        ? { ...panel.health, history: panel.history.toJSON() }
        : { name: panel.definition.name, status: "unknown", reasons: ["not checked yet"], figures: {}, findings: [], checkedAt: new Date(this.now()).toISOString(), ms: 0, history: {} };
    const services = this.panels.filter((panel) => panel.definition.kind === "service").map(view);
    const systems = this.panels.filter((panel) => panel.definition.kind === "system").map(view);
    const oldest = [...services, ...systems].map((panel) => panel.checkedAt).sort()[0] ?? new Date(this.now()).toISOString();
    return { services, systems, checkedAt: oldest };
  }
}

/** A panel's row in the shared table. */
const key = (panel: PanelState) => `${panel.definition.kind}:${panel.definition.name}`;
