"use client";

import { useState } from "react";

export interface ChartSeries {
  label: string;
  /** [epoch ms, value] */
  points: [number, number][];
}

const COLORS = ["var(--accent)", "var(--warn)", "var(--fail)", "var(--ok)"];

/**
 * A figure over time (one or a few series), drawn as SVG: the y range, the time range in
 * the viewer's zone, and the value under the pointer. The figures' words (title, last
 * value, peak) are in text beside it, so the chart itself is not needed to read them.
 */
export function TimeSeriesChart({ title, series, format, height = 120 }: { title: string; series: ChartSeries[]; format: (value: number) => string; height?: number }) {
  const [hover, setHover] = useState<number | null>(null);
  const width = 480;
  const pad = { left: 4, right: 4, top: 8, bottom: 4 };
  const all = series.flatMap((line) => line.points);
  const last = series[0]?.points.at(-1)?.[1];
  const peak = all.length ? Math.max(...all.map(([, value]) => value)) : null;
  if (all.length < 2) {
    return (
      <figure className="rounded-md border border-border p-3">
        <figcaption className="text-sm font-medium">{title}</figcaption>
        <p className="mt-2 text-sm text-fg-muted">No data points in this window.</p>
      </figure>
    );
  }
  const t0 = Math.min(...all.map(([t]) => t));
  const t1 = Math.max(...all.map(([t]) => t));
  const low = Math.min(0, ...all.map(([, value]) => value));
  const high = Math.max(...all.map(([, value]) => value), low + Number.EPSILON);
  const x = (t: number) => pad.left + ((t - t0) / Math.max(t1 - t0, 1)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - (value - low) / (high - low || 1)) * (height - pad.top - pad.bottom);
  const time = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const hovered = hover === null ? null : series.map((line) => ({ label: line.label, point: nearest(line.points, hover) }));
  return (
    <figure className="rounded-md border border-border p-3">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="font-mono text-xs text-fg-muted">
          now {last === undefined ? "–" : format(last)} · peak {peak === null ? "–" : format(peak)}
        </span>
      </figcaption>
      <div className="relative mt-2">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="h-auto w-full"
          role="img"
          aria-label={`${title} from ${time(t0)} to ${time(t1)}, peak ${peak === null ? "unknown" : format(peak)}`}
          onMouseMove={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            setHover(t0 + ((event.clientX - box.left) / box.width) * (t1 - t0));
          }}
          onMouseLeave={() => setHover(null)}
        >
          <line x1={pad.left} x2={width - pad.right} y1={y(low)} y2={y(low)} stroke="var(--border)" />
          <line x1={pad.left} x2={width - pad.right} y1={y(high)} y2={y(high)} stroke="var(--border)" strokeDasharray="3 3" />
          {series.map((line, index) => (
            <path
              key={line.label}
              d={path(line.points, x, y)}
              fill="none"
              stroke={COLORS[index % COLORS.length]}
              strokeWidth="1.75"
            />
          ))}
          {hover !== null ? <line x1={x(hover)} x2={x(hover)} y1={pad.top} y2={height - pad.bottom} stroke="var(--fg-muted)" strokeDasharray="2 2" /> : null}
        </svg>
        <span className="pointer-events-none absolute left-1 top-0 font-mono text-[10px] text-fg-muted">{format(high)}</span>
      </div>
      <div className="mt-1 flex justify-between font-mono text-[10px] text-fg-muted">
        <span>{time(t0)}</span>
        {hovered ? (
          <span className="text-fg">
            {hovered.map(({ label, point }) => (point ? `${label} ${format(point[1])} at ${time(point[0])}` : null)).filter(Boolean).join(" · ")}
          </span>
        ) : series.length > 1 ? (
          <span>{series.map((line, index) => <span key={line.label} style={{ color: COLORS[index % COLORS.length] }}>{line.label} </span>)}</span>
        ) : null}
        <span>{time(t1)}</span>
      </div>
    </figure>
  );
}

/**
 * The line through the points, broken where data is missing (a gap over three times the
 * usual spacing: the lab was down, a scrape failed) instead of drawn straight across it.
 */
function path(points: [number, number][], x: (t: number) => number, y: (value: number) => number): string {
  const gaps = points.slice(1).map(([t], index) => t - points[index]![0]).sort((a, b) => a - b);
  const usual = gaps[Math.floor(gaps.length / 2)] ?? 0;
  return points
    .map(([t, value], index) => {
      const jump = index === 0 || (usual > 0 && t - points[index - 1]![0] > 3 * usual);
      return `${jump ? "M" : "L"}${x(t).toFixed(1)},${y(value).toFixed(1)}`;
    })
    .join(" ");
}

function nearest(points: [number, number][], t: number): [number, number] | null {
  let best: [number, number] | null = null;
  for (const point of points) if (!best || Math.abs(point[0] - t) < Math.abs(best[0] - t)) best = point;
  return best;
}
