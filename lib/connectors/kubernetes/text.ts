/**
 * Untrusted text from the API server (event messages, annotations, log lines): printable
 * and bounded before it reaches a page or the incident timeline.
 */

/** Control characters out (tabs kept), at most `max` characters with a marker of how much was cut. */
export function boundedText(text: string, max = 1_000): string {
  const clean = text.replace(/[^\t\x20-\x7E\u00A0-\uFFFF]/g, "\uFFFD");
  return clean.length <= max ? clean : `${clean.slice(0, max)}… [${clean.length - max} more characters]`;
}

/** A Date/string timestamp from the API as ISO, or null. */
export function isoTime(value: Date | string | undefined | null): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
