/**
 * A check's data as stored on a run and on the timeline: bounded, so a 5,000-line log tail
 * or a 10,000-row table cannot bloat every incident fetch. Long strings and arrays are cut
 * with a marker saying how much was left out; the check's own summary already counts it all.
 */
export const DATA_LIMIT_BYTES = 64 * 1024;
const STRING_LIMIT = 2_000;
const ARRAY_LIMIT = 200;

function shrink(value: unknown, arrayLimit: number, stringLimit: number): unknown {
  if (typeof value === "string") return value.length > stringLimit ? `${value.slice(0, stringLimit)}… (${value.length - stringLimit} more characters)` : value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, arrayLimit).map((item) => shrink(item, arrayLimit, stringLimit));
    return value.length > arrayLimit ? [...kept, `… ${value.length - arrayLimit} more`] : kept;
  }
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shrink(item, arrayLimit, stringLimit)]));
  return value;
}

/** JSON-safe, at most DATA_LIMIT_BYTES when serialised (halving list and text limits until it fits). */
export function boundData(data: unknown): unknown {
  if (data === undefined || data === null) return null;
  let arrayLimit = ARRAY_LIMIT;
  let stringLimit = STRING_LIMIT;
  const plain = JSON.parse(JSON.stringify(data)) as unknown;
  for (;;) {
    const bounded = shrink(plain, arrayLimit, stringLimit);
    const size = Buffer.byteLength(JSON.stringify(bounded));
    if (size <= DATA_LIMIT_BYTES) return bounded;
    if (arrayLimit <= 5 && stringLimit <= 200) return { truncated: true, bytes: size, preview: JSON.stringify(bounded).slice(0, 4_000) };
    arrayLimit = Math.max(5, Math.floor(arrayLimit / 2));
    stringLimit = Math.max(200, Math.floor(stringLimit / 2));
  }
}
