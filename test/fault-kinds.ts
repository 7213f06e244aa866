/**
 * The four faults of the fault matrices and the error kind each must give, shared by the
 * matrix of checks and probes on local sockets (lib/health/fault-matrix.integration.test.ts)
 * and the matrix through the running console (e2e-lab/fault-matrix.spec.ts).
 */
export const FAULTS = ["stopped", "black-holed", "slow", "garbage"] as const;
export type Fault = (typeof FAULTS)[number];

/**
 * Kafka and PostgreSQL frame every message with a length: nonsense reads as the start of a
 * frame longer than anything that follows, so their clients wait for the rest until the
 * deadline (a timeout, not a parse error).
 */
const LENGTH_FRAMED = new Set(["kafka", "postgresql"]);

/** The error kind a fault must give, for a check family or a system (its name). */
export function expectedKind(fault: Fault, family: string): string {
  if (fault === "stopped") return "unreachable";
  if (fault === "garbage" && !LENGTH_FRAMED.has(family)) return "bad_response";
  return "timeout";
}

/** What a panel's reasons say for the fault: its kind, in words or as the code (panels differ). */
export function expectedReason(fault: Fault, family: string): RegExp {
  return new RegExp(expectedKind(fault, family).replace("_", "[ _]"));
}
