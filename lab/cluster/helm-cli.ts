/**
 * The real Helm 4 CLI (helm.sh/helm/v4 from the Go module proxy), built by
 * `npm run lab -- install` (lab/scripts/install.sh) into .lab/bin/helm: `helm
 * history/status/rollback` read and write the release secrets the lab writes, which checks
 * that they are what Helm itself stores. `npm run lab -- env` exports it as HELM_BIN.
 */
import fs from "node:fs";
import { labEnv } from "../core/lab-env.ts";
import { KUBECONFIG } from "../core/paths.ts";
import { run } from "../core/proc.ts";

export const HELM_BIN = labEnv().HELM_BIN!;

/** `helm <args>` against the lab cluster. */
export function helm(args: string[]): string {
  if (!fs.existsSync(HELM_BIN)) throw new Error(`${HELM_BIN} missing: run npm run lab -- install`);
  const r = run(HELM_BIN, [...args, "--kubeconfig", KUBECONFIG]);
  if (r.status !== 0) throw new Error(`helm ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}
