import "server-only";

/** What never changes about a run once started: its incident, its procedure, the service it looks at. */
export interface RunHead {
  incidentId: string;
  procedure: string;
  service: string | null;
}

/** Enough for every run a process serves during an incident, and small (≈ 100 bytes each). */
const CAPACITY = 1_000;
const heads = new Map<string, RunHead>();

/**
 * Remembers a run's head as this process reads or starts it, so a press of a check step can
 * start the check while the run is read (run-step.ts): nothing of a head ever changes, and the
 * read still decides whether the press stands. A forgotten or never-seen run only costs that
 * press the overlap.
 */
export function rememberRun(id: string, head: RunHead): void {
  heads.delete(id);
  heads.set(id, { incidentId: head.incidentId, procedure: head.procedure, service: head.service });
  // A Map iterates in insertion order: the first key is the run seen least recently.
  if (heads.size > CAPACITY) heads.delete(heads.keys().next().value!);
}

export function knownRun(id: string): RunHead | undefined {
  return heads.get(id);
}
