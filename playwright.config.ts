import { defineConfig, devices } from "@playwright/test";

/**
 * Journeys in Debian's Chromium (no browser download). Playwright starts the built console
 * itself, four times: on :3100 with a fresh embedded database (first run), on :3101 pointed
 * at a PostgreSQL that is not there (the database-down banner), and on :3102 and :3103 as two
 * processes sharing one real PostgreSQL (live timelines and timers across processes).
 * `npm test` builds first. The phone projects run e2e/phone.spec.ts with iPhone 13 and Pixel 7
 * emulation (viewport, touch, mobile user agent) in the same Chromium.
 */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const CONSOLE_URL = "http://localhost:3100";
export const DOWN_URL = "http://localhost:3101";
/** Two console processes on one real PostgreSQL, for live updates and timers across processes. */
export const LIVE_A_URL = "http://localhost:3102";
export const LIVE_B_URL = "http://localhost:3103";

/** A phone's emulation in our Chromium: Playwright's iPhone profile would otherwise ask for WebKit. */
const phone = (device: "iPhone 13" | "Pixel 7") => ({ ...devices[device], browserName: "chromium" as const, defaultBrowserType: "chromium" as const });

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: CONSOLE_URL,
    trace: "retain-on-failure",
    // No video: it needs an ffmpeg build that Playwright would download. The trace has the screens.
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [
    { name: "first-run", testMatch: /first-run\.spec\.ts/ },
    { name: "accounts", testMatch: /roles\.spec\.ts/, dependencies: ["first-run"] },
    { name: "journeys", testMatch: /\.spec\.ts$/, testIgnore: /(first-run|roles|throttle|phone)\.spec\.ts/, dependencies: ["accounts"] },
    { name: "phone-iphone-13", testMatch: /phone\.spec\.ts/, dependencies: ["accounts"], use: phone("iPhone 13") },
    { name: "phone-pixel-7", testMatch: /phone\.spec\.ts/, dependencies: ["accounts"], use: phone("Pixel 7") },
    // Last: it locks sign-in from 127.0.0.1 for five minutes, as it should.
    { name: "throttle", testMatch: /throttle\.spec\.ts/, dependencies: ["journeys", "phone-iphone-13", "phone-pixel-7"] },
  ],
  webServer: [
    {
      command: "rm -rf .e2e-data && npx tsx scripts/start.ts",
      url: "http://127.0.0.1:3100/api/health",
      env: { PORT: "3100", DATA_DIR: ".e2e-data", NEXTAUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789" },
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      command: "npx tsx scripts/start.ts",
      url: "http://127.0.0.1:3101/api/health",
      env: {
        PORT: "3101",
        DATA_DIR: ".e2e-data-down",
        DATABASE_URL: "postgresql://console:unused@127.0.0.1:9/console",
        NEXTAUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
      },
      timeout: 240_000,
      reuseExistingServer: false,
    },
    { command: "bash e2e/start-live-server.sh a 3102", url: "http://127.0.0.1:3102/api/health", timeout: 240_000, reuseExistingServer: false },
    { command: "bash e2e/start-live-server.sh b 3103", url: "http://127.0.0.1:3103/api/health", timeout: 240_000, reuseExistingServer: false },
  ],
});
