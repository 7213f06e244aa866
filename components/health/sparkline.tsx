/**
 * A figure's last minutes as a line, scaled to its own range. Decorative next to the number
 * it belongs to (which carries the meaning), so hidden from screen readers.
 */
export function Sparkline({ points, width = 96, height = 24, className = "" }: { points: [number, number][]; width?: number; height?: number; className?: string }) {
  if (points.length < 2) return <svg width={width} height={height} aria-hidden="true" className={className} />;
  const t0 = points[0]![0];
  const t1 = points[points.length - 1]![0];
  const values = points.map(([, value]) => value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = (t: number) => ((t - t0) / Math.max(t1 - t0, 1)) * (width - 2) + 1;
  const y = (value: number) => height - 1 - (high === low ? (height - 2) / 2 : ((value - low) / (high - low)) * (height - 2));
  const path = points.map(([t, value], index) => `${index ? "L" : "M"}${x(t).toFixed(1)},${y(value).toFixed(1)}`).join(" ");
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" className={className}>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
