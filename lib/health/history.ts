/**
 * The last minutes of a panel's key figures, for sparklines: one series of (time, value)
 * points per figure, trimmed to a window and capped in length so memory stays flat however
 * long the console runs. Pure.
 */
export type Point = [t: number, value: number];

export class FigureHistory {
  private readonly series = new Map<string, Point[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxPoints = 600,
  ) {}

  /** Adds the numeric figures of one sweep at time `t`; nulls and texts are skipped. */
  record(t: number, figures: Record<string, number | string | null>) {
    for (const [name, value] of Object.entries(figures)) {
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      let points = this.series.get(name);
      if (!points) this.series.set(name, (points = []));
      points.push([t, value]);
    }
    const oldest = t - this.windowMs;
    for (const [name, points] of this.series) {
      let drop = 0;
      while (drop < points.length && points[drop]![0] < oldest) drop++;
      if (points.length - drop > this.maxPoints) drop = points.length - this.maxPoints;
      if (drop) points.splice(0, drop);
      if (points.length === 0) this.series.delete(name);
    }
  }

  /** A copy of every series (safe to serialize). */
  toJSON(): Record<string, Point[]> {
    return Object.fromEntries([...this.series].map(([name, points]) => [name, points.map(([t, value]) => [t, value] as Point)]));
  }
}
