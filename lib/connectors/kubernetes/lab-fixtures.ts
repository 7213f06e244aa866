import { readFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { KUBECONFIG } from "@/lab/core/paths";

/**
 * For the Kubernetes/Helm lab tests: the lab's kubeconfig (real credentials) pointed at
 * another server — a closed port (unreachable) or a black hole (accepts, never answers:
 * a hung API server; test/sockets.ts) — without touching the shared lab.
 */
/** the lab's own (lab/core/paths.ts: under LAB_DIR, default .lab/) */
export const LAB_KUBECONFIG = KUBECONFIG;

/** A copy of .lab/kubeconfig whose cluster server is https://127.0.0.1:<port>. */
export async function kubeconfigFor(port: number): Promise<string> {
  const text = await readFile(LAB_KUBECONFIG, "utf8");
  const dir = await mkdtemp(path.join(tmpdir(), "kubeconfig-"));
  const file = path.join(dir, "config");
  await writeFile(file, text.replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${port}`));
  return file;
}
