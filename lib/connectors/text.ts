/**
 * Text from a backend (names, labels, error strings, query texts, certificate subjects)
 * made safe to show: control and non-printable characters replaced, length bounded with a
 * "…" where it was cut. The one rule every connector applies to untrusted text.
 */
export function printable(text: unknown, max = 200, replacement = "\uFFFD"): string {
  const value = typeof text === "string" ? text : text == null ? "" : String(text);
  const clean = value.replace(/[^\x20-\x7E\u00A0-\uFFFF]/g, replacement);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
