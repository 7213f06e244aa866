/**
 * image-pull: enrichment-service is rolled out with an image tag that was never pushed.
 * The new pod sits in ErrImagePull/ImagePullBackOff (with the kubelet's events) while the
 * old one keeps serving (maxUnavailable 0). Heal: roll the image back.
 */
import { setFault } from "../core/fault-state.ts";
import { kubectl } from "../core/kube.ts";
import { NAMESPACE } from "../core/paths.ts";
import { workload } from "../cluster/workloads.ts";
import type { Fault } from "./fault.ts";

export const MISSING_TAG = "2.5.0";
const w = workload("enrichment-service");

export const imagePull: Fault = {
  name: "image-pull",
  runbook: "Deployment Issues › Image Pull Failures",
  description: `enrichment-service is updated to ${w.image.replace(/:[^:]+$/, `:${MISSING_TAG}`)}, a tag the registry does not have`,
  inject: async () => {
    setFault("image-pull", true);
    kubectl(["set", "image", "-n", NAMESPACE, `deployment/${w.name}`, `${w.name}=${w.image.replace(/:[^:]+$/, `:${MISSING_TAG}`)}`]);
  },
  heal: async () => {
    kubectl(["set", "image", "-n", NAMESPACE, `deployment/${w.name}`, `${w.name}=${w.image}`]);
    setFault("image-pull", false);
  },
};
