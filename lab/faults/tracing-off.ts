/**
 * tracing-off: normalization-service is rolled out with TRACING_SAMPLING_RATE=0 (a bad
 * config change). Its new pod shows it in `env | grep TRACING`, and its spans stop
 * arriving in Jaeger while enrichment-service's keep coming. Heal sets the rate back
 * (0.1, as in the pod spec), which rolls out a pod that traces again.
 */
import { setFault } from "../core/fault-state.ts";
import { kubectl } from "../core/kube.ts";
import { NAMESPACE } from "../core/paths.ts";
import type { Fault } from "./fault.ts";

export const TRACED_RATE = "0.1";
const deployment = "deployment/normalization-service";

export const tracingOff: Fault = {
  name: "tracing-off",
  runbook: "Tracing Issues › Trace Quality Issues",
  description: "normalization-service is rolled out with TRACING_SAMPLING_RATE=0: its spans stop arriving in Jaeger",
  inject: async () => {
    setFault("tracing-off", true);
    kubectl(["set", "env", "-n", NAMESPACE, deployment, "TRACING_SAMPLING_RATE=0"]);
  },
  heal: async () => {
    kubectl(["set", "env", "-n", NAMESPACE, deployment, `TRACING_SAMPLING_RATE=${TRACED_RATE}`]);
    // The rollout back was seen to stall beside the rate-0 pod (the lab controller's rollout
    // handling): replacing the pods makes every one of them from the healed template.
    kubectl(["delete", "pod", "-n", NAMESPACE, "-l", "app=normalization-service", "--wait=false"]);
    setFault("tracing-off", false);
  },
};
