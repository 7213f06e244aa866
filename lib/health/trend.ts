/**
 * A figure's recent trend, for symptoms that are a direction rather than a level (lag that
 * keeps growing, memory climbing toward its limit). Keeps the last `windowMs` of samples and
 * gives the least-squares slope per second, or null until the samples span `minSpanMs`, so a
 * single jump between two sweeps is never called a trend.
 */
export class Trend {
  private samples: { at: number; value: number }[] = [];

  constructor(
    private readonly windowMs = 15_000,
    private readonly minSpanMs = 5_000,
  ) {}

  add(at: number, value: number): void {
    this.samples.push({ at, value });
    this.samples = this.samples.filter((sample) => at - sample.at <= this.windowMs);
  }

  /** Forget the samples (the figure's source restarted, e.g. a new pod). */
  reset(): void {
    this.samples = [];
  }

  /** units per second; null with fewer than three samples or a span under minSpanMs */
  slopePerSecond(): number | null {
    return slope(this.samples, this.minSpanMs);
  }
}

export function slope(samples: { at: number; value: number }[], minSpanMs: number): number | null {
  if (samples.length < 3) return null;
  const first = samples[0]!.at;
  const span = samples[samples.length - 1]!.at - first;
  if (span < minSpanMs) return null;
  const xs = samples.map((sample) => (sample.at - first) / 1000);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = samples.reduce((sum, sample) => sum + sample.value, 0) / samples.length;
  let numerator = 0;
  let denominator = 0;
  samples.forEach((sample, index) => {
    numerator += (xs[index]! - meanX) * (sample.value - meanY);
    denominator += (xs[index]! - meanX) ** 2;
  });
  return denominator === 0 ? null : numerator / denominator;
}
