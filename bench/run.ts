/**
 * `npm run bench -- <name>`: runs one benchmark and prints its figures. Benchmarks measure;
 * they do not pass or fail the build (targets are printed beside the figures, misses as misses).
 */
const benches: Record<string, () => Promise<unknown>> = {
  incidents: async () => (await import("./incidents")).run(),
  health: async () => (await import("./health")).run(),
  "health-sharing": async () => (await import("./health-sharing")).run(),
  detection: async () => (await import("./detection")).run(),
  deadlines: async () => (await import("./deadlines")).run(),
  steps: async () => (await import("./steps")).run(),
};

const benchName = process.argv[2];
const bench = benchName ? benches[benchName] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join("|")}>`);
  process.exit(2);
}
bench().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
