import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CheckContext } from "@/lib/checks/types";
import { thresholdsFor } from "@/lib/config/catalog";
import { parseConsoleConfig } from "@/lib/config/console-config";
import { checkTargetsAt } from "./check-targets";

/**
 * A check context whose every endpoint (each family of test/check-targets.ts, and the
 * Kubernetes API through a kubeconfig written here) is 127.0.0.1:<port>, with nothing else
 * configured: for the fault matrix and the deadline bench, without the lab.
 */
export async function faultContext(port: number, deadlineMs: number): Promise<CheckContext> {
  const dir = await mkdtemp(path.join(tmpdir(), "fault-kubeconfig-"));
  const kubeconfig = path.join(dir, "config");
  await writeFile(
    kubeconfig,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: fault",
      `  cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}`,
      "users:",
      "- name: fault",
      "  user: {token: fault-matrix}",
      "contexts:",
      "- name: fault",
      "  context: {cluster: fault, user: fault}",
      "current-context: fault",
    ].join("\n"),
  );
  const env: Record<string, string> = {};
  for (const [family, target] of Object.entries(checkTargetsAt(port))) if (family !== "kubernetes" && family !== "helm") Object.assign(env, await target());
  env.KUBECONFIG = kubeconfig;
  const parsed = parseConsoleConfig("", "fault-matrix.yaml", env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return { catalog: parsed.config, thresholds: thresholdsFor(parsed.config), deadlineMs, env };
}
