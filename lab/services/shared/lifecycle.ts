/**
 * Process lifecycle shared by the pipeline services: graceful shutdown on SIGTERM/SIGINT
 * (the lab controller stops pods that way), and a crash on unexpected errors — a container
 * that exits non-zero is what Kubernetes restarts.
 */
import type { Logger } from "./log.ts";

export function onShutdown(log: Logger, close: () => Promise<unknown>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info("shutting down", { signal });
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    close()
      .catch((error) => log.error("error during shutdown", { error }))
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("uncaughtException", (error) => {
    log.fatal("uncaught exception", { error: error.stack ?? error.message });
    process.exit(1);
  });
  process.on("unhandledRejection", (error) => {
    log.fatal("unhandled rejection", { error: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  });
}
