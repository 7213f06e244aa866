import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "./registry";

/**
 * `lab: true` on a check (docs/checks.md: "lab: yes") is a claim that a lab test runs it
 * against the lab's real servers. Held here: some *.lab.test.ts calls `runCheck(<the
 * check's export>` or `findCheck("<its id>")`. Loops over every check (the unreachable and
 * timeout cases in lib/checks/unreachable.lab.test.ts) do not count: they never see real data.
 */
const root = process.cwd();
const files = (dir: string, suffix: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(suffix) && !file.includes("node_modules"))
    .map((file) => path.join(dir, file));

/** check id → the name its module exports it under (`export const heap = defineCheck({ id: "service.heap"`). */
const exportNames = new Map(
  files("lib/checks", ".ts")
    .filter((file) => !file.endsWith(".test.ts"))
    .flatMap((file) => [...readFileSync(path.join(root, file), "utf8").matchAll(/export const (\w+) = defineCheck\(\{\s*id: "([^"]+)"/g)].map((match) => [match[2]!, match[1]!] as const)),
);
const labTests = [...files("lib", ".lab.test.ts"), ...files("lab", ".lab.test.ts")].map((file) => ({ file, text: readFileSync(path.join(root, file), "utf8") }));

function labTestsRunning(id: string): string[] {
  const exported = exportNames.get(id);
  const escapedId = id.replace(/[.]/g, "\\.");
  const runs = new RegExp(`runCheck\\(\\s*${exported}\\b|findCheck\\(\\s*"${escapedId}"\\s*\\)`);
  return labTests.filter(({ text }) => runs.test(text)).map(({ file }) => file);
}

describe("the lab flag of each check", () => {
  it("knows every check's export (so the scan below cannot miss one silently)", () => {
    expect(labTests.length).toBeGreaterThan(20);
    expect(CHECKS.filter((check) => !exportNames.has(check.id)).map((check) => check.id)).toEqual([]);
  });

  it("says lab: true only for checks a lab test runs on the real lab", () => {
    const untested = CHECKS.filter((check) => check.lab === true && labTestsRunning(check.id).length === 0).map((check) => check.id);
    expect(untested).toEqual([]);
  });

  it("says why the lab cannot run a check otherwise", () => {
    for (const check of CHECKS.filter((check) => check.lab !== true)) expect(String(check.lab).length, check.id).toBeGreaterThan(10);
  });
});
