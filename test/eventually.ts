/**
 * Calls `read` until `ready(result)` or `timeoutMs` passes, and returns the last result (the
 * test then asserts on it, so a timeout fails with the real values). For facts that lag by
 * design, e.g. metrics-server's first scrape of a pod that a fault test just recreated.
 */
export async function eventually<T>(read: () => Promise<T>, ready: (result: T) => boolean, timeoutMs = 90_000, intervalMs = 2_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let result = await read();
  while (!ready(result) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    result = await read();
  }
  return result;
}
