/**
 * The real Helm 3 CLI, built from the Go module proxy (helm.sh/helm/v3 has no replace
 * directives, so `go install` works): `helm history/status/list` then read the release
 * secrets the lab writes, which checks that they are what Helm itself stores.
 * Optional (a cold build downloads ~300 modules, ≈6 min here): `npm run lab -- install-helm`.
 */
import fs from "node:fs";
import path from "node:path";
import { KUBECONFIG, LAB_DIR } from "../core/paths.ts";
import { run } from "../core/proc.ts";

export const HELM_VERSION = "v3.22.0";
export const HELM_BIN = path.join(LAB_DIR, "bin", "helm");

export const helmInstalled = () => fs.existsSync(HELM_BIN);

export function installHelm(): void {
  if (helmInstalled()) return;
  const r = run("nice", ["-n", "19", "go", "install", `helm.sh/helm/v3/cmd/helm@${HELM_VERSION}`], {
    env: { GOBIN: path.dirname(HELM_BIN), GOTOOLCHAIN: "local" },
    timeoutMs: 30 * 60_000,
  });
  if (r.status !== 0) throw new Error(`go install helm failed: ${r.stderr.slice(-2000)}`);
}

/** `helm <args>` against the lab cluster. */
export function helm(args: string[]): string {
  const r = run(HELM_BIN, [...args, "--kubeconfig", KUBECONFIG]);
  if (r.status !== 0) throw new Error(`helm ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}
