import { FigureHistory, type Point } from "./history";
import type { Figures, Finding, HealthStatus, SystemHealth } from "./types";

/**
 * The one collector every viewer shares. Each panel (a service or an infrastructure system)
 * is probed on its own: a hung backend holds only its own panel, which turns `unknown` with
 * the error kind at the deadline while the others keep refreshing. Probing happens only
 * while someone looks (a request within `idleMs`), every `cadenceMs`, never twice at once
 * for the same panel, however many browsers poll: a request reads the last results.
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
}

export class HealthCollector {
  private readonly panels: PanelState[];
  private lastDemand = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    definitions: PanelDefinition[],
    private readonly options: CollectorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.panels = definitions.map((definition) => ({ definition, health: null, inFlight: null, history: new FigureHistory(options.historyMs) }));
  }

  /**
   * The current state of every panel. A panel never probed, or older than the freshness goal
   * (nobody watched for a while), is probed first: the answer waits at most the deadline.
   */
  async snapshot(): Promise<HealthSnapshot> {
    const now = this.now();
    this.lastDemand = now;
    this.ensureRunning();
    const stale = (panel: PanelState) => !panel.health || now - Date.parse(panel.health.checkedAt) > this.options.freshnessMs;
    const pending = this.panels.filter(stale).map((panel) => panel.inFlight ?? this.probe(panel));
    if (pending.length) await Promise.all(pending);
    return this.assemble();
  }

  /** Probes every panel once more and waits for it (benchmarks, tests). */
  async refresh(): Promise<HealthSnapshot> {
    this.lastDemand = this.now();
    await Promise.all(this.panels.map((panel) => panel.inFlight ?? this.probe(panel)));
    return this.assemble();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private ensureRunning() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.now() - this.lastDemand > (this.options.idleMs ?? 60_000)) return this.stop();
      for (const panel of this.panels) if (!panel.inFlight) void this.probe(panel);
    }, this.options.cadenceMs);
    this.timer.unref();
  }

  private probe(panel: PanelState): Promise<void> {
    const started = this.now();
    const startedAt = new Date(started).toISOString();
    const deadlineMs = this.options.deadlineMs + 250;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<SystemHealth>((resolve) => {
      timer = setTimeout(() => resolve({ status: "unknown", reasons: [`timeout: no answer within ${this.options.deadlineMs} ms`], figures: {} }), deadlineMs);
    });
    const run = Promise.race([
      panel.definition.probe().catch((error: unknown) => ({
        status: "unknown" as const,
        reasons: [`probe failed: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`],
        figures: {},
      })),
      deadline,
    ]).then((health) => {
      clearTimeout(timer);
      const finished = this.now();
      panel.history.record(finished, health.figures);
      panel.health = { name: panel.definition.name, ...health, findings: "findings" in health ? (health.findings ?? []) : [], checkedAt: startedAt, ms: finished - started, history: {} };
      panel.inFlight = null;
    });
    panel.inFlight = run;
    return run;
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
