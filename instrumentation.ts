/** Next.js calls this once per server process at start. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertProceduresRunnable } = await import("./lib/diagnosis/startup");
    assertProceduresRunnable();
    const { startWorkers } = await import("./lib/incidents/workers");
    startWorkers();
  }
}
