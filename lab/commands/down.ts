/**
 * `lab down`: heals every fault (so data state — revoked keys, locks, stopped brokers — is
 * clean for the next `up`), stops the lab controller (and with it the pipeline services),
 * the pipeline node's kwok, the Kubernetes control plane and the data services. Data and
 * Kubernetes state stay on disk (`.lab/`).
 */
import { stopPid } from "../core/proc.ts";
import { stopJaeger } from "../cluster/jaeger.ts";
import { stopPipelineNode } from "../cluster/pipeline-node.ts";
import { healAll } from "../faults/registry.ts";
import { CONTROLLER, DATA_SCRIPTS } from "./up.ts";
import { script } from "./shell.ts";

export async function down(): Promise<void> {
  await healAll({ quiet: true }).catch((error) => console.warn(`heal before down: ${(error as Error).message}`));
  console.log("stopping lab controller and pipeline services");
  await stopPid(CONTROLLER, undefined, 20_000);
  await stopPipelineNode();
  await stopJaeger();
  console.log("stopping Kubernetes control plane and data services");
  await Promise.all([script("kube", ["stop"], "lab-down"), ...DATA_SCRIPTS.map((s) => script(s, ["stop"], "lab-down"))]);
  console.log("lab is down");
}
