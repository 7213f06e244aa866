/**
 * The Prometheus text exposition format, read tolerantly: a malformed line is reported and
 * skipped, never fatal, and values are numbers (NaN and ±Inf included). Pure.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  samples: Sample[];
  problems: { line: number; message: string }[];
  /**
   * Metric families declared by `# TYPE` lines (name → counter|gauge|histogram|summary|untyped).
   * A labelled counter that never counted has a TYPE line and no sample: it is 0, not missing.
   */
  types?: Record<string, string>;
}

const TYPE_LINE = /^#\s*TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\w+)\s*$/;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

function parseValue(text: string): number | null {
  if (text === "NaN") return Number.NaN;
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

function parseLabels(text: string): Record<string, string> | null {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match || LABEL.lastIndex === start) return text.slice(start).trim() === "" ? labels : null;
    labels[match[1]!] = match[2]!.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
  }
  return labels;
}

export function parsePrometheusText(text: string, limits = { maxLines: 200_000, maxLineLength: 10_000 }): ParsedExposition {
  const samples: Sample[] = [];
  const problems: ParsedExposition["problems"] = [];
  const types: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < Math.min(lines.length, limits.maxLines); index++) {
    const line = lines[index]!.trim();
    if (line.startsWith("#")) {
      const declared = line.length <= limits.maxLineLength ? TYPE_LINE.exec(line) : null;
      if (declared) types[declared[1]!] = declared[2]!;
      continue;
    }
    if (!line) continue;
    if (line.length > limits.maxLineLength) {
      problems.push({ line: index + 1, message: `line longer than ${limits.maxLineLength} characters` });
      continue;
    }
    const match = SAMPLE.exec(line);
    const labels = match ? (match[3] !== undefined ? parseLabels(match[3]) : {}) : null;
    const value = match ? parseValue(match[4]!) : null;
    if (!match || !labels || value === null) {
      problems.push({ line: index + 1, message: "not a sample line" });
      continue;
    }
    samples.push({ name: match[1]!, labels, value });
  }
  if (lines.length > limits.maxLines) problems.push({ line: limits.maxLines, message: `more than ${limits.maxLines} lines; the rest was not read` });
  return { samples, problems, types };
}

/**
 * A counter's total: the sum of its samples; 0 when the family is declared (`# TYPE`) but has
 * no sample yet (a labelled prom-client counter that never counted); null when the exposition
 * does not have the metric at all.
 */
export function counterTotal(exposition: ParsedExposition, name: string, match: Record<string, string> = {}): number | null {
  const sum = sumOf(exposition.samples, name, match);
  if (sum !== null) return sum;
  const family = name.replace(/_total$/, "");
  return exposition.types && (Object.hasOwn(exposition.types, name) || Object.hasOwn(exposition.types, family)) ? 0 : null;
}

/** Sum of every sample of a metric whose labels include `match`. */
export function sumOf(samples: Sample[], name: string, match: Record<string, string> = {}): number | null {
  const found = samples.filter((sample) => sample.name === name && Object.entries(match).every(([key, value]) => sample.labels[key] === value));
  return found.length ? found.reduce((sum, sample) => sum + sample.value, 0) : null;
}

export interface Bucket {
  le: number;
  count: number;
}

/** The cumulative buckets of histogram `name` (summed over other labels). */
export function bucketsOf(samples: Sample[], name: string): Bucket[] {
  const byLe = new Map<number, number>();
  for (const sample of samples) {
    if (sample.name !== `${name}_bucket` || sample.labels.le === undefined) continue;
    const le = parseValue(sample.labels.le);
    if (le === null) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + sample.value);
  }
  return [...byLe.entries()].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/**
 * Buckets are cumulative since the process started: the difference between two scrapes
 * gives the window between them. A bucket that went down means the process restarted, and
 * then the newer scrape alone is the window.
 */
export function bucketDelta(previous: Bucket[], current: Bucket[]): Bucket[] {
  const before = new Map(previous.map((bucket) => [bucket.le, bucket.count]));
  const restarted = current.some((bucket) => bucket.count < (before.get(bucket.le) ?? 0));
  return current.map((bucket) => ({ le: bucket.le, count: restarted ? bucket.count : bucket.count - (before.get(bucket.le) ?? 0) }));
}

/**
 * Prometheus's histogram_quantile (promql/quantile.go): linear interpolation inside the
 * bucket that holds the rank; NaN without a +Inf bucket or with no observations; the upper
 * bound of the highest finite bucket when the rank falls in +Inf.
 */
export function histogramQuantile(q: number, buckets: Bucket[]): number {
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.le !== Number.POSITIVE_INFINITY) return Number.NaN;
  const total = sorted[sorted.length - 1]!.count;
  if (total <= 0) return Number.NaN;
  const rank = q * total;
  let index = sorted.findIndex((bucket) => bucket.count >= rank);
  if (index === -1) index = sorted.length - 1;
  if (index === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  if (index === 0 && sorted[0]!.le <= 0) return sorted[0]!.le;
  const upper = sorted[index]!.le;
  const lower = index === 0 ? 0 : sorted[index - 1]!.le;
  const below = index === 0 ? 0 : sorted[index - 1]!.count;
  const inBucket = sorted[index]!.count - below;
  return inBucket === 0 ? upper : lower + (upper - lower) * ((rank - below) / inBucket);
}

/** Per-second rate of a counter between two scrapes; a counter that went down restarted. */
export function counterRate(previous: number, current: number, seconds: number): number {
  if (seconds <= 0) return 0;
  return (current >= previous ? current - previous : current) / seconds;
}
