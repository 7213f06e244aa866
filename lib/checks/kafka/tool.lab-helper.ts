import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * For the Kafka checks' lab tests: the runbook's Kafka tool itself, as `kubectl exec kafka-0`
 * runs it in the lab (lab/exec-bin wrappers: localhost:9092 → the lab broker), so a test can
 * check the console reads what the responder would have read.
 */
export function kafkaTool(tool: string, args: string[]): string {
  const repo = path.resolve(".");
  const result = spawnSync(path.join(repo, "lab/exec-bin", `${tool}.sh`), ["--bootstrap-server", "localhost:9092", ...args], {
    env: { ...process.env, LAB_REPO_DIR: repo },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}
