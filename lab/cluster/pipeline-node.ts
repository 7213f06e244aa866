/**
 * The pipeline's own fake node, `pipeline-node-1`, served by a second kwok controller.
 *
 * Why a second kwok next to lab/kube's (which plays lab-node-1): its configuration is
 * static and gives every pod the same log file, and its pod stages mark every pod Running
 * at once. The pipeline's pods need per-pod logs (`kubectl logs deployment/X | grep ERROR`)
 * and a status that follows the real processes (the lab controller writes it). So this kwok:
 *   - manages only nodes annotated kwok.x-k8s.io/node=pipeline, on kubelet port 10248;
 *   - has the node stages (Ready + lease heartbeat) and the resource-metrics config of
 *     lab/kube's rendered kwok.yaml, and of the pod stages only `pod-delete` (finishing a
 *     deletion, as a kubelet does): no stage writes pod status, only the lab controller.
 *     kwok needs at least one pod stage to run its pod controller at all, and without
 *     that it lists no pods for the resource metrics (`kubectl top pods` stays empty);
 *   - watches `Logs` objects (--enable-crds), which the controller creates per pod,
 *     pointing at the CRI log files the controller writes;
 *   - watches `Exec` objects too: `kubectl exec` runs the command on this machine, with
 *     lab/exec-bin first on PATH (the runbook's in-container tools, see its README).
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { KUBECONFIG, LAB_DIR, LAB_SRC, PORTS } from "../core/paths.ts";
import { kubectl } from "../core/kube.ts";
import { livePid, startDetached, stopPid, waitFor } from "../core/proc.ts";

export const PIPELINE_NODE = "pipeline-node-1";
const KWOK_BIN = path.join(LAB_DIR, "bin", "kwok");
const MAIN_KWOK_CONFIG = path.join(LAB_DIR, "kube", "kwok", "kwok.yaml");
const CONFIG = path.join(LAB_DIR, "pipeline-kwok", "kwok.yaml");
const PROCESS = "pipeline-kwok";
const MARKER = "--manage-nodes-with-annotation-selector kwok.x-k8s.io/node=pipeline";
/** part of the command line: an older pipeline kwok without it is replaced */
const CRDS = "Logs,Exec";
export const EXEC_BIN = path.join(LAB_SRC, "exec-bin");

function renderConfig(): void {
  const docs = YAML.parseAllDocuments(fs.readFileSync(MAIN_KWOK_CONFIG, "utf8")).map((d) => d.toJSON() as Record<string, unknown> | null);
  const keep = docs.filter((doc): doc is Record<string, unknown> => {
    if (!doc) return false;
    if (doc.kind === "Stage") {
      const kind = (doc.spec as { resourceRef?: { kind?: string } })?.resourceRef?.kind;
      return kind === "Node" || (doc.metadata as { name?: string })?.name === "pod-delete";
    }
    return doc.kind === "Metric" || doc.kind === "ClusterResourceUsage";
  });
  fs.mkdirSync(path.dirname(CONFIG), { recursive: true });
  fs.writeFileSync(CONFIG, keep.map((d) => YAML.stringify(d)).join("---\n"));
}

const nodeManifest = () => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: {
    name: PIPELINE_NODE,
    annotations: {
      "kwok.x-k8s.io/node": "pipeline",
      "node.alpha.kubernetes.io/ttl": "0",
      "metrics.k8s.io/resource-metrics-path": `/metrics/nodes/${PIPELINE_NODE}/metrics/resource`,
    },
    labels: {
      "kubernetes.io/arch": "amd64",
      "kubernetes.io/os": "linux",
      "kubernetes.io/hostname": PIPELINE_NODE,
      "node-role.kubernetes.io/pipeline": "",
      type: "kwok",
    },
  },
  spec: { podCIDR: "10.245.0.0/24", podCIDRs: ["10.245.0.0/24"] },
  status: {
    allocatable: { cpu: "8", memory: "32Gi", pods: "110" },
    capacity: { cpu: "8", memory: "32Gi", pods: "110" },
    nodeInfo: { architecture: "amd64", operatingSystem: "linux", kubeletVersion: "v1.36.3-kwok", containerRuntimeVersion: "lab://tsx" },
  },
});

export function pipelineKwokPid(): number | null {
  return livePid(PROCESS, MARKER);
}

export async function startPipelineNode(): Promise<void> {
  kubectl(["apply", "--server-side", "--field-manager=lab", "-f", path.join(LAB_SRC, "cluster", "crds")]);
  kubectl(["wait", "--for=condition=Established", "--timeout=30s", "crd/logs.kwok.x-k8s.io", "crd/execs.kwok.x-k8s.io"]);
  // node status is only accepted on create; apply keeps an existing node as it is
  try {
    kubectl(["get", "node", PIPELINE_NODE]);
  } catch {
    kubectl(["create", "-f", "-"], JSON.stringify(nodeManifest()));
  }
  if (livePid(PROCESS) && !livePid(PROCESS, `--enable-crds ${CRDS}`)) await stopPid(PROCESS); // older flags
  if (!pipelineKwokPid()) {
    renderConfig();
    const args = [
      "--config", CONFIG, "--kubeconfig", KUBECONFIG, "--manage-all-nodes=false",
      ...MARKER.split(" "),
      "--node-ip", "127.0.0.1", "--node-port", String(PORTS.pipelineKwok),
      "--server-address", `127.0.0.1:${PORTS.pipelineKwok}`, "--enable-crds", CRDS,
      "--node-lease-duration-seconds", "40",
    ];
    startDetached(PROCESS, KWOK_BIN, args, { PATH: `${EXEC_BIN}:${process.env.PATH ?? "/usr/bin:/bin"}` });
  }
  await waitFor("pipeline kwok /healthz", async () => (await fetch(`http://127.0.0.1:${PORTS.pipelineKwok}/healthz`)).ok, 30_000);
  await waitFor(`node ${PIPELINE_NODE} Ready`, () => kubectl(["get", "node", PIPELINE_NODE, "-o", "jsonpath={.status.conditions[?(@.type=='Ready')].status}"]).trim() === "True", 30_000);
}

export async function stopPipelineNode(): Promise<void> {
  await stopPid(PROCESS, MARKER);
}
