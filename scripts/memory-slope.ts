/**
 * The soak's memory trend (scripts/soak.ts): the least-squares slope of the server's resident
 * memory against time, in MiB per minute, from samples of `t` (ms) and `rss` (MiB). NaN with
 * fewer than two samples; 0 when every sample has the same time.
 */
export function slopePerMinute(samples: { t: number; rss: number }[]): number {
  if (samples.length < 2) return Number.NaN;
  const n = samples.length;
  const meanT = samples.reduce((sum, sample) => sum + sample.t, 0) / n;
  const meanR = samples.reduce((sum, sample) => sum + sample.rss, 0) / n;
  let num = 0;
  let den = 0;
  for (const sample of samples) {
    num += (sample.t - meanT) * (sample.rss - meanR);
    den += (sample.t - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}
