import { z } from "zod";
import { listImagePulls, type ImagePulls } from "@/lib/connectors/kubernetes/image-pulls";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { namespace } from "./params";

/**
 * `kubectl run test-pod --image=<image-name> --rm -it --restart=Never` ("Test image pull").
 * The console deliberately does NOT start a test pod (a diagnosis must not change the
 * cluster, and a pod in a production namespace is not a read): it reports what the
 * existing pods already show — containers in ErrImagePull / ImagePullBackOff with the
 * image, the kubelet's message and the pull event. Verdict: fail when any (of `image`,
 * when given) cannot be pulled; skipped when `image` is given but no pod uses it (nothing
 * to judge without a test pod); ok otherwise.
 */
export interface ImagePullData extends ImagePulls {
  testPodStarted: false;
  note: string;
  image: string | null;
}

const NOTE = "deliberately does not start a test pod (kubectl run would change the cluster); reads the pull failures of existing pods instead";

export function judgeImagePulls(pulls: ImagePulls, image: string | undefined): { verdict: Verdict; summary: string; data: ImagePullData } {
  const data: ImagePullData = { ...pulls, testPodStarted: false, note: NOTE, image: image ?? null };
  if (image && pulls.images.length === 0) return { verdict: "skipped", summary: `no pod uses ${image}; not tested (the console does not start test pods)`, data };
  if (pulls.failures.length) {
    const first = pulls.failures[0]!;
    const detail = first.event ?? first.message ?? "";
    return {
      verdict: "fail",
      summary: `${pulls.failures.length} containers cannot pull: ${first.pod} ${first.reason} ${first.image}${detail ? ` — ${detail.slice(0, 200)}` : ""}`,
      data,
    };
  }
  const pods = new Set(pulls.images.flatMap((entry) => entry.pods)).size;
  return { verdict: "ok", summary: image ? `${image} runs in ${pods} pods, no pull failures` : `no image pull failures (${pulls.images.length} images, ${pods} pods)`, data };
}

export const imagePull = defineCheck({
  id: "kubernetes.image-pull",
  system: "kubernetes",
  title: "Image pull failures",
  runbook: { procedure: "image-pull-failures", purpose: "Test image pull", command: "kubectl run test-pod --image=<image-name> --rm -it --restart=Never" },
  params: z.object({
    namespace,
    /** an image reference such as registry.254carbon.io/pipeline/enrichment-service:2.5.0 */
    image: z
      .string()
      .max(512)
      .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/, { message: "must be an image reference such as registry.254carbon.io/pipeline/enrichment-service:2.4.1" })
      .optional(),
  }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await listImagePulls(target.target, params.namespace, context.deadlineMs, params.image);
    if (!result.ok) return connectorFailure(result.error);
    return judgeImagePulls(result.value, params.image);
  },
});
