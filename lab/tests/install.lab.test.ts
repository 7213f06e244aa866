/**
 * `npm run lab -- install` is one step that is safe to run twice at once: the second
 * install waits for the first (a lock under .lab/run) and then finds its work done, instead
 * of building into the same .tmp files. Made visible with one real piece of work: helm's
 * stamp is removed, so exactly one of the two installs must rebuild (relink) helm.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LAB_DIR, SCRIPTS_DIR } from "../core/paths.ts";
import { run } from "../core/proc.ts";
import { HELM_BIN } from "../cluster/helm-cli.ts";

function install(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [path.join(SCRIPTS_DIR, "install.sh")], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("lab install", () => {
  it("lists the Debian packages the runbook's in-pod commands need", () => {
    const packages = run("bash", [path.join(SCRIPTS_DIR, "install.sh"), "packages"]).stdout.split("\n");
    expect(packages).toEqual(expect.arrayContaining(["clickhouse-client", "curl", "redis-tools", "postgresql", "prometheus", "maven"]));
  });

  it("two installs at once both succeed, one after the other, and helm is rebuilt once", async () => {
    fs.rmSync(path.join(LAB_DIR, "bin", ".helm.stamp"), { force: true });
    const [a, b] = await Promise.all([install(), install()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const both = a.output + b.output;
    expect(both.match(/another install is running: waiting for it/g)).toHaveLength(1);
    expect(both.match(/building helm v4/g)).toHaveLength(1);
    expect(both.match(/helm v4\.\d+\.\d+: cached/g)).toHaveLength(1);
    expect(run(HELM_BIN, ["version", "--short"]).stdout).toMatch(/^v4\.\d+\.\d+/);
    expect(fs.readdirSync(path.join(LAB_DIR, "bin")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 20 * 60_000);
});
