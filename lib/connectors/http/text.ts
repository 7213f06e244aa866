/**
 * Text from a backend (target labels, error strings, data source names, certificate
 * subjects) made safe to show: control and non-printable characters replaced, length bounded.
 */
export function printableText(text: unknown, max = 200): string {
  const value = typeof text === "string" ? text : text == null ? "" : String(text);
  const clean = value.replace(/[^\x20-\x7E\u00A0-\uFFFF]/g, "\uFFFD");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
