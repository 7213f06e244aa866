import { defineProcedure } from "../definition";

/** Runbook: Service Health Checks › Check Service Status. */
export const checkServiceStatus = defineProcedure({
  id: "check-service-status",
  version: 1,
  kind: "procedure",
  section: "Service Health Checks",
  title: "Check Service Status",
  level: "L1",
  symptoms: [],
  resolution: [],
  start: "check-all-services",
  steps: [
    {
      id: "check-all-services",
      title: "Check all services",
      kind: "check",
      check: "kubernetes.get-pods-namespace",
      params: {},
      command: "kubectl get pods -n data-processing",
      meaning: {
        ok: "Every pod in data-processing is running and ready, none restarted 3 times or more (restartsWarn).",
        warn: "A pod is not ready yet (Pending, ContainerCreating) or has restarted 3 times or more: the summary names it; check that service next.",
        fail: "A pod is failing (CrashLoopBackOff, ImagePullBackOff, CreateContainerConfigError, OOMKilled) or the namespace has no pods: open Service Not Starting for it.",
        error: "The Kubernetes API did not answer.",
      }
    },
    {
      id: "check-specific-service",
      title: "Check specific service",
      kind: "check",
      check: "kubernetes.get-pods",
      params: { selector: "app=normalization-service" },
      command: "kubectl get pods -n data-processing -l app=normalization-service",
      meaning: {
        ok: "Every pod is ready, no container is waiting, and they restarted fewer than 3 times in all.",
        warn: "Some pods are not ready, a container is waiting (reason in the summary) or the pods restarted 3 times or more: read the service's logs.",
        fail: "No pod is ready, or none matches: the service is down; open Service Not Starting.",
        error: "The Kubernetes API did not answer.",
      }
    },
    {
      id: "check-service-logs",
      title: "Check service logs",
      kind: "check",
      check: "kubernetes.logs",
      params: {},
      command: "kubectl logs -f -n data-processing deployment/normalization-service",
      meaning: {
        ok: "No ERROR or FATAL line in the service's newest 1,000 lines.",
        warn: "ERROR or FATAL lines in the tail (count in the summary): read them for the cause, e.g. Kafka, ClickHouse or configuration.",
        fail: "This check does not fail: ERROR lines are a warn, an unreadable log an error.",
        error: "The Kubernetes API did not answer, or the service has no pod to read.",
      }
    },
    {
      id: "check-service-health-endpoint",
      title: "Check service health endpoint",
      kind: "check",
      check: "service.health",
      params: {},
      command: "curl http://normalization-service:8080/health",
      meaning: {
        ok: "The service's /health answers 2xx with a healthy status (ok, up, pass).",
        warn: "/health answers without a healthy status: the details name the dependency that is not ok.",
        fail: "/health answers HTTP 400 or worse: the service is unhealthy; read its logs, then Service Not Starting.",
        error: "The health endpoint did not answer: the service is down or unreachable.",
      }
    }
  ]
});
