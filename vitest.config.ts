import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside React's server bundles; tests are server code.
  "server-only": path.resolve(__dirname, "test/server-only.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,components,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "**/*.lab.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,scripts,test}/**/*.integration.test.ts"],
          globalSetup: ["test/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One file at a time: 2 cores, and each file creates its own database anyway.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // `npm run test:lab`: needs the lab up (lab/cli.ts up), talks to its real servers.
          name: "lab",
          include: ["{lab,lib}/**/*.lab.test.ts"],
          // Lab tests of operations also record into a console database (test/test-database.ts).
          globalSetup: ["test/integration-setup.ts"],
          // each file starts from a lab that serves (the previous one may have restarted a service)
          setupFiles: ["test/lab-baseline.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
