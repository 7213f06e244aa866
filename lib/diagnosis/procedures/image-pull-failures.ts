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
        ok: "The service's pod is running and ready: its image was pulled; the data shows which image.",
        warn: "The pod is not ready, restarted 3 times or more, or has Warning events: read the events for Failed or BackOff pulls.",
        fail: "A container waits on an error such as ImagePullBackOff or ErrImagePull (named in the summary): its image cannot be pulled; check the secrets and the image tag next.",
        error: "The Kubernetes API did not answer, or the service has no pod.",
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
        ok: "Every image pull secret the pods reference exists in data-processing: a pull failure is not a missing secret.",
        warn: "This check does not warn: a missing pull secret fails.",
        fail: "Pods reference an image pull secret that does not exist (named in the summary): they can never pull; update pull secrets.",
        error: "The Kubernetes API did not answer.",
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
        ok: "No container in data-processing is in ErrImagePull or ImagePullBackOff (no test pod is started: the existing pods are read).",
        warn: "This check does not warn: a container that cannot pull fails.",
        fail: "Containers cannot pull their image (pod, image and the kubelet's message in the summary): verify the image tag and registry access, or roll back to the image that ran.",
        error: "The Kubernetes API did not answer.",
        skipped: "No pod uses the image asked for: nothing to judge without a test pod.",
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
