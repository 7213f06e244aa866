import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Deployment Issues › Deployment Failures. */
export const deploymentFailures = defineProcedure({
  id: "deployment-failures",
  version: 2,
  kind: "procedure",
  section: "Deployment Issues",
  title: "Deployment Failures",
  level: "L1",
  symptoms: [
    "Helm deployment failures",
    "Pods not updating",
    "Rollback required"
  ],
  resolution: [
    "Check configuration errors",
    "Verify image availability",
    "Review resource constraints",
    "Perform rollback if needed"
  ],
  start: "check-deployment-status",
  steps: [
    {
      id: "check-deployment-status",
      title: "Check deployment status",
      kind: "check",
      check: "helm.status",
      params: {},
      command: "helm status data-processing-pipeline -n data-processing",
      meaning: {
        ok: "The latest revision of data-processing-pipeline is deployed: Helm reports no failed upgrade.",
        warn: "This check does not warn: a release is either deployed (ok) or not (fail).",
        fail: "The latest revision is failed, pending, uninstalling or unknown (why, and the revision still deployed, in the summary): roll back to it if the cause cannot be fixed quickly.",
        error: "The Kubernetes API did not answer, or the release's Helm Secrets could not be read.",
      }
    },
    {
      id: "check-deployment-history",
      title: "Check deployment history",
      kind: "check",
      check: "helm.history",
      params: {},
      command: "helm history data-processing-pipeline -n data-processing",
      meaning: {
        ok: "No revision of data-processing-pipeline ever failed.",
        warn: "An earlier revision failed but the latest did not (revision and description in the summary): compare it with the latest before assuming it is fixed.",
        fail: "The latest revision failed or is still pending (its description in the summary): the upgrade did not go through; check configuration and images, or roll back.",
        error: "The Kubernetes API did not answer, or the release's Helm Secrets could not be read.",
      }
    },
    {
      id: "check-pod-events",
      title: "Check pod events",
      kind: "check",
      check: "kubernetes.get-events",
      params: {},
      command: "kubectl get events -n data-processing --sort-by='.lastTimestamp'",
      meaning: {
        ok: "No Warning event in data-processing in the last 60 minutes: pods are not failing to update.",
        warn: "Warning events in the last 60 minutes (reasons in the summary, e.g. BackOff, Failed, FailedScheduling): they say why pods do not update, e.g. an image, configuration or resources.",
        fail: "This check does not fail: Warning events are a warn.",
        error: "The Kubernetes API did not answer.",
      }
    },
    {
      id: "rollback-needed",
      title: "Rollback needed?",
      kind: "question",
      question: "Do the status and the history show an upgrade that failed (or pods not updating since it), with an earlier revision that was deployed?",
      answers: [
        { value: "yes", label: "Yes, roll back", goto: "perform-rollback", because: "a failed upgrade: roll the release back to the revision that was deployed before it (L3)" },
        { value: "no", label: "No, the release is fine", goto: "resolve", because: "no failed revision: look at configuration, images and resources instead" }
      ]
    },
    {
      id: "perform-rollback",
      title: "Perform rollback if needed",
      kind: "operation",
      operation: "helm-rollback",
      target: "release/data-processing/data-processing-pipeline",
      command: "helm rollback data-processing-pipeline -n data-processing",
      verify: ["check-deployment-status"],
      next: { goto: "verify", because: "rolled back: check the release status, its history and the events again" }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Check configuration errors",
        "Verify image availability",
        "Review resource constraints",
        "Perform rollback if needed"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-deployment-status",
        "check-deployment-history",
        "check-pod-events"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
