/**
 * Starting a new pod's container for a workload the lab runs outside the controller (Jaeger,
 * Prometheus: their Deployments' processes are started by lab/cluster and lab/scripts). A
 * kubelet starts the container of every new pod, so `kubectl rollout restart` — the console's
 * "Restart Jaeger components" / "Restart Prometheus" — must give the process a fresh start,
 * and brings back one that was stopped (the jaeger-down fault).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { startJaeger, stopJaeger } from "../cluster/jaeger.ts";
import type { ExternalWorkload } from "../cluster/workloads.ts";
import { SCRIPTS_DIR } from "../core/paths.ts";

// asynchronous: the controller keeps writing every pod's status while a server restarts
const execFileAsync = promisify(execFile);
const script = (name: string, verb: "start" | "stop") => execFileAsync("bash", [path.join(SCRIPTS_DIR, `${name}.sh`), verb], { timeout: 90_000 });

export async function restartExternal(workload: ExternalWorkload): Promise<void> {
  if (workload.script === "jaeger") {
    await stopJaeger();
    await startJaeger();
    return;
  }
  await script(workload.script, "stop");
  await script(workload.script, "start");
}
