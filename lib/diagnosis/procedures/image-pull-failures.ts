import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Deployment Issues › Image Pull Failures. */
export const imagePullFailures = defineProcedure({
  id: "image-pull-failures",
  version: 2,
  kind: "procedure",
  section: "Deployment Issues",
  title: "Image Pull Failures",
  level: "L1",
  symptoms: [
    "Pods stuck in ImagePullBackOff",
    "Image not found errors",
    "Registry connectivity issues"
  ],
  resolution: [
    "Check image registry access",
    "Verify image tags",
    "Update pull secrets",
    "Check network connectivity"
  ],
  start: "check-pod-status",
  steps: [
    {
      id: "check-pod-status",
      title: "Check pod status",
      kind: "check",
      check: "kubernetes.describe-pod",
      params: {},
      command: "kubectl describe pod <pod-name> -n data-processing",
      meaning: {
        ok: "Describe a pod: nothing out of the ordinary.",
        warn: "Describe a pod: something to look at; read the summary and the data.",
        fail: "Describe a pod: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-image-pull-secrets",
      title: "Check image pull secrets",
      kind: "check",
      check: "kubernetes.get-secrets",
      params: {},
      command: "kubectl get secrets -n data-processing",
      meaning: {
        ok: "Secrets and image pull secrets: nothing out of the ordinary.",
        warn: "Secrets and image pull secrets: something to look at; read the summary and the data.",
        fail: "Secrets and image pull secrets: broken; this is likely part of the cause."
      }
    },
    {
      id: "test-image-pull",
      title: "Test image pull",
      kind: "check",
      check: "kubernetes.image-pull",
      params: {},
      command: "kubectl run test-pod --image=<image-name> --rm -it --restart=Never",
      meaning: {
        ok: "Image pull failures: nothing out of the ordinary.",
        warn: "Image pull failures: something to look at; read the summary and the data.",
        fail: "Image pull failures: broken; this is likely part of the cause."
      },
      rules: [
        { when: { verdict: ["fail"] }, goto: "verify-image-tags", because: "a container cannot pull its image: roll the Deployment back to the template (and image) that ran before" }
      ],
      next: { goto: "resolve", because: "every image pulls: check registry access, pull secrets and the network" }
    },
    {
      id: "verify-image-tags",
      title: "Verify image tags: roll back to the image that ran",
      kind: "operation",
      operation: "rollout-undo",
      target: "deployment/data-processing/normalization-service",
      command: "kubectl rollout undo deployment/normalization-service -n data-processing",
      verify: ["test-image-pull"],
      next: { goto: "verify", because: "rolled back: describe the pods and test the pulls again" }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Check image registry access",
        "Verify image tags",
        "Update pull secrets",
        "Check network connectivity"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-pod-status",
        "check-image-pull-secrets",
        "test-image-pull"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
