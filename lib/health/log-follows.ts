import { AppError } from "@/lib/errors";

/**
 * Bounds on open log follows (`kubectl logs -f` streams), per console process. Each follow
 * holds a connection to the Kubernetes API server for as long as a tab is open; without a
 * bound, a handful of tabs would hold every socket and the health panels would starve.
 */
export const FOLLOW_LIMITS = {
  perActor: 3,
  total: 20,
  /** a follow ends after this long, however busy (reopen to continue) */
  maxDurationMs: 30 * 60_000,
  /** …or after this long without a line */
  idleMs: 10 * 60_000,
} as const;

export class FollowSlots {
  private readonly open = new Map<string, number>();
  private count = 0;

  constructor(private readonly limits: { perActor: number; total: number } = FOLLOW_LIMITS) {}

  /** Takes a slot for `actorKey` or throws too_many_requests (429); call the returned release once. */
  acquire(actorKey: string): () => void {
    const mine = this.open.get(actorKey) ?? 0;
    if (mine >= this.limits.perActor) {
      throw new AppError(
        "too_many_requests",
        `You are following ${mine} logs already (at most ${this.limits.perActor} at a time). Stop following in another tab or window, then try again.`,
      );
    }
    if (this.count >= this.limits.total) {
      throw new AppError(
        "too_many_requests",
        `The console is following ${this.count} logs for everyone (at most ${this.limits.total} at a time). Try again in a minute, or read the newest lines without following.`,
      );
    }
    this.open.set(actorKey, mine + 1);
    this.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count--;
      const left = (this.open.get(actorKey) ?? 1) - 1;
      if (left > 0) this.open.set(actorKey, left);
      else this.open.delete(actorKey);
    };
  }

  get size(): number {
    return this.count;
  }
}

const globalForFollows = globalThis as unknown as { consoleFollowSlots?: FollowSlots };

/** The process-wide slots (kept on globalThis so dev-mode reloads share them). */
export function followSlots(): FollowSlots {
  globalForFollows.consoleFollowSlots ??= new FollowSlots();
  return globalForFollows.consoleFollowSlots;
}

/**
 * Ends a follow after `maxDurationMs`, or `idleMs` without an event, with an `error` event
 * saying so: the events of `open(signal)` until then.
 */
export async function* withFollowLimits<Event extends { type: string }>(
  open: (signal: AbortSignal) => AsyncGenerator<Event>,
  signal: AbortSignal,
  limits: { maxDurationMs: number; idleMs: number },
  timeoutEvent: (message: string) => Event,
): AsyncGenerator<Event> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener("abort", stop, { once: true });
  let reason: string | null = null;
  const limit = (message: string) => () => {
    reason = message;
    controller.abort();
  };
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} minute${ms === 60_000 ? "" : "s"}`;
  const total = setTimeout(limit(`following stopped after ${minutes(limits.maxDurationMs)}; follow again to continue`), limits.maxDurationMs);
  let idle = setTimeout(limit(`following stopped after ${minutes(limits.idleMs)} without a new line; follow again to continue`), limits.idleMs);
  try {
    for await (const event of open(controller.signal)) {
      clearTimeout(idle);
      idle = setTimeout(limit(`following stopped after ${minutes(limits.idleMs)} without a new line; follow again to continue`), limits.idleMs);
      yield event;
    }
    if (reason && !signal.aborted) yield timeoutEvent(reason);
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    signal.removeEventListener("abort", stop);
    controller.abort();
  }
}
