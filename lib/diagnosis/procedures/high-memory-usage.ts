import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Performance Issues › High Memory Usage. */
export const highMemoryUsage = defineProcedure({
  id: "high-memory-usage",
  version: 2,
  kind: "procedure",
  section: "Performance Issues",
  title: "High Memory Usage",
  level: "L2",
  symptoms: [
    "Pods being OOMKilled",
    "High memory usage alerts",
    "Slow performance"
  ],
  resolution: [
    "Increase memory limits",
    "Optimize memory usage",
    "Check for memory leaks",
    "Review batch sizes"
  ],
  start: "check-memory-usage",
  steps: [
    {
      id: "check-memory-usage",
      title: "Check memory usage",
      kind: "check",
      check: "kubernetes.top-pods",
      params: {},
      command: "kubectl top pods -n data-processing",
      meaning: {
        ok: "No pod in data-processing uses 85 % (memoryWarn) or more of its memory limit; pods without a limit are listed, not judged.",
        warn: "A pod uses 85 % or more of its memory limit (named in the summary), or metrics-server has no figures: check its limits and heap next.",
        fail: "A pod uses 95 % (memoryFail) or more of its memory limit: it is about to be OOMKilled; increase the limit or restart it for relief.",
        error: "metrics-server or the Kubernetes API did not answer.",
      }
    },
    {
      id: "check-memory-limits",
      title: "Check memory limits",
      kind: "check",
      check: "kubernetes.describe-pod",
      params: {},
      command: "kubectl describe pod <pod-name> -n data-processing",
      meaning: {
        ok: "The service's pod is running and ready, with fewer than 3 restarts, no OOMKilled termination and no Warning events; the summary shows its memory limit.",
        warn: "The pod was last terminated by OOMKilled or an error (exit 137 is OOM), restarted 3 times or more, or has Warning events: the limit is too low or memory leaks.",
        fail: "A container waits on an error (CrashLoopBackOff after OOM kills) or the pod failed: increase memory limits; see Service Not Starting.",
        error: "The Kubernetes API did not answer, or the service has no pod.",
      }
    },
    {
      id: "check-heap-dumps",
      title: "Check heap dumps (if available)",
      kind: "check",
      check: "service.heap",
      params: {},
      command: "kubectl exec -it <pod-name> -n data-processing -- jmap -histo 1",
      meaning: {
        ok: "Heap and resident memory are under 85 % of their maximum and of the container's limit.",
        warn: "Heap or resident memory is at 85 % or more of its maximum or the container's limit: check for memory leaks and review batch sizes.",
        fail: "Heap or resident memory is at 95 % or more: the OOM kill is close; increase memory limits or restart for relief.",
        error: "The metrics endpoint or the Kubernetes API did not answer.",
        skipped: "The service publishes no heap figures, or there is no memory limit to judge them against.",
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Increase memory limits",
        "Optimize memory usage",
        "Check for memory leaks",
        "Review batch sizes"
      ],
      next: { goto: "restart-to-free-memory", because: "until the limit or the leak is fixed, a restart gives the memory back (a leak starts over)" }
    },
    {
      id: "restart-to-free-memory",
      title: "Restart the pods to free memory (relief until the limit or the leak is fixed)",
      kind: "operation",
      operation: "rollout-restart",
      target: "deployment/data-processing/normalization-service",
      command: "kubectl rollout restart deployment/normalization-service -n data-processing",
      verify: ["check-memory-usage"],
      next: { goto: "verify", because: "restarted: check the memory again" }
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-memory-usage",
        "check-memory-limits",
        "check-heap-dumps"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
