import { execFileSync } from "node:child_process";

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL if given, else the
 * cluster scripts/test-postgres.sh installs (apt) and starts in .test-pg/.
 */
export default function setup() {
  if (!process.env.TEST_DATABASE_URL) {
    process.env.TEST_DATABASE_URL = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  }
}
