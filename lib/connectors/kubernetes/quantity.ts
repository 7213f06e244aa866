/**
 * Kubernetes resource quantities ("250m", "384Mi", "1.5Gi", "2", "1e3") as numbers: CPU in
 * millicores, memory in bytes — what `kubectl top` and `kubectl describe pod` print.
 * Unparseable text is null, never NaN.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The quantity's value in base units (cores, bytes), or null. */
export function parseQuantity(text: string | undefined | null): number | null {
  if (typeof text !== "string") return null;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * (match[2] ? Number(`1${match[2]}`) : 1);
  const suffix = match[3] ?? "";
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  if (factor === undefined || !Number.isFinite(value)) return null;
  return value * factor;
}

export function cpuMillicores(text: string | undefined | null): number | null {
  const cores = parseQuantity(text);
  return cores === null ? null : Math.round(cores * 1000 * 1000) / 1000;
}

export function memoryBytes(text: string | undefined | null): number | null {
  const bytes = parseQuantity(text);
  return bytes === null ? null : Math.round(bytes);
}

/** "128Mi" style for summaries (binary units, like kubectl top). */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)}Gi`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)}Mi`;
  if (bytes >= 2 ** 10) return `${Math.round(bytes / 2 ** 10)}Ki`;
  return `${bytes}B`;
}
