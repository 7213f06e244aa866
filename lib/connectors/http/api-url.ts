/**
 * `path` under a base URL that may carry a prefix (`http://host/prometheus` → `http://host/prometheus/api/v1/targets`),
 * with query parameters encoded by URLSearchParams (never concatenated). Credentials in the
 * base URL are kept for the request; messages built from it must go through redact().
 */
export function apiUrl(base: string, path: string, query: Record<string, string> = {}): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  url.search = "";
  url.hash = "";
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}
