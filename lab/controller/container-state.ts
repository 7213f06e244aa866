/**
 * What the lab controller knows about one container's real process — the subset of a
 * kubelet's view that pod status is made from.
 */
export interface Termination {
  exitCode: number;
  signal?: number;
  reason: "Error" | "OOMKilled" | "Completed";
  message?: string;
  startedAt: string;
  finishedAt: string;
}

export interface ContainerState {
  state:
    | { running: { startedAt: string } }
    | { waiting: { reason: string; message?: string } }
    | { terminated: Termination };
  ready: boolean;
  restartCount: number;
  lastTermination?: Termination;
  pid?: number;
  /** measured from /proc: resident memory and CPU use (millicores over the last interval) */
  usage?: { memoryBytes: number; cpuMillicores: number };
}

/** Lifecycle events for the pod (Started, BackOff, Killing, OOMKilling, …). */
export type ContainerEvent = { type: "Normal" | "Warning"; reason: string; message: string };
