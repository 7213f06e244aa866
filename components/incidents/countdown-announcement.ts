/** Moments worth saying out loud before a hand-off escalates by itself; every second would drown a screen reader. */
export const ANNOUNCE_AT_MS = [5 * 60_000, 60_000, 0] as const;

/**
 * What a screen reader should hear as the countdown moves from `previousLeft` to `left`
 * (milliseconds until the deadline): a sentence when a threshold is crossed, else null.
 * Crossing several at once (a tab asleep) says only the latest.
 */
export function countdownAnnouncement(previousLeft: number | null, left: number, who: string): string | null {
  if (previousLeft === null) return null;
  const crossed = ANNOUNCE_AT_MS.filter((threshold) => previousLeft > threshold && left <= threshold);
  if (crossed.length === 0) return null;
  const threshold = Math.min(...crossed);
  if (threshold === 0) return `The deadline for ${who} to acknowledge has passed; the incident escalates automatically.`;
  const minutes = threshold / 60_000;
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"} left for ${who} to acknowledge.`;
}
