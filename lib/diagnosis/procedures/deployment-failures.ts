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
        ok: "Helm release status: nothing out of the ordinary.",
        warn: "Helm release status: something to look at; read the summary and the data.",
        fail: "Helm release status: broken; this is likely part of the cause."
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
        ok: "Helm release history: nothing out of the ordinary.",
        warn: "Helm release history: something to look at; read the summary and the data.",
        fail: "Helm release history: broken; this is likely part of the cause."
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
        ok: "Namespace events: nothing out of the ordinary.",
        warn: "Namespace events: something to look at; read the summary and the data.",
        fail: "Namespace events: broken; this is likely part of the cause."
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
