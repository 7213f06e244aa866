import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { KubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { redact, type ConnectorResult } from "../result";
import { boundedText } from "../kubernetes/text";

/**
 * The real `helm` CLI, for what must not be re-implemented: a rollback writes Helm's release
 * bookkeeping (a new revision "Rollback to N", the previous one superseded) and applies the
 * target revision's manifests exactly as Helm does. `HELM_BIN`, else `helm` on PATH.
 */
export function findHelm(env: Record<string, string | undefined>): { ok: true; bin: string } | { ok: false; reason: string } {
  if (env.HELM_BIN) {
    if (fs.existsSync(env.HELM_BIN)) return { ok: true, bin: env.HELM_BIN };
    return { ok: false, reason: `HELM_BIN points at ${boundedText(env.HELM_BIN, 200)}, which does not exist` };
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "helm");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return { ok: true, bin: candidate };
    } catch {
      // not here
    }
  }
  return { ok: false, reason: "no helm CLI on this console's machine (set HELM_BIN or put helm on PATH)" };
}

/** `helm rollback <release> <revision> -n <namespace>` with the console's kubeconfig; bounded by `timeoutMs`. */
export function helmRollback(options: { bin: string; target: KubeTarget; namespace: string; release: string; revision: number; timeoutMs: number }): Promise<ConnectorResult<{ output: string }>> {
  const args = ["rollback", options.release, String(options.revision), "--namespace", options.namespace];
  if (options.target.kubeconfig) args.push("--kubeconfig", options.target.kubeconfig);
  if (options.target.context) args.push("--kube-context", options.target.context);
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(options.bin, args, { timeout: options.timeoutMs, maxBuffer: 1_048_576, env: { ...process.env, HELM_NO_PLUGINS: "1" } }, (error, stdout, stderr) => {
      const ms = performance.now() - started;
      const output = boundedText(redact(`${stdout}${stderr}`.trim().replace(/\s*\n\s*/g, " · ")), 2_000);
      if (!error) return resolve({ ok: true, value: { output }, ms });
      const killed = (error as { killed?: boolean }).killed;
      if (killed) return resolve({ ok: false, error: { kind: "timeout", message: `helm rollback gave no answer within ${options.timeoutMs} ms` }, ms });
      resolve({ ok: false, error: { kind: "bad_response", message: `helm rollback failed: ${output || redact(error.message)}` }, ms });
    });
  });
}
