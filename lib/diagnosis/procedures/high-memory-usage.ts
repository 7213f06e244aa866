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
        ok: "Pod CPU and memory: nothing out of the ordinary.",
        warn: "Pod CPU and memory: something to look at; read the summary and the data.",
        fail: "Pod CPU and memory: broken; this is likely part of the cause."
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
        ok: "Describe a pod: nothing out of the ordinary.",
        warn: "Describe a pod: something to look at; read the summary and the data.",
        fail: "Describe a pod: broken; this is likely part of the cause."
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
        ok: "Heap usage: nothing out of the ordinary.",
        warn: "Heap usage: something to look at; read the summary and the data.",
        fail: "Heap usage: broken; this is likely part of the cause."
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
