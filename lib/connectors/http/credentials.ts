/**
 * Node's fetch refuses URLs with user:password in them: the credentials move into a Basic
 * Authorization header and the URL goes without them (and messages never see them).
 */
export function splitCredentials(url: string): { url: string; headers: Record<string, string> } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, headers: {} };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.toString(), headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` } };
}
