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
        ok: "All pods of a namespace: nothing out of the ordinary.",
        warn: "All pods of a namespace: something to look at; read the summary and the data.",
        fail: "All pods of a namespace: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-specific-service",
      title: "Check specific service",
      kind: "check",
      check: "kubernetes.get-pods",
      params: {},
      command: "kubectl get pods -n data-processing -l app=normalization-service",
      meaning: {
        ok: "Pods of a service: nothing out of the ordinary.",
        warn: "Pods of a service: something to look at; read the summary and the data.",
        fail: "Pods of a service: broken; this is likely part of the cause."
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
        ok: "Service logs: nothing out of the ordinary.",
        warn: "Service logs: something to look at; read the summary and the data.",
        fail: "Service logs: broken; this is likely part of the cause."
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
        ok: "Service health endpoint: nothing out of the ordinary.",
        warn: "Service health endpoint: something to look at; read the summary and the data.",
        fail: "Service health endpoint: broken; this is likely part of the cause."
      }
    }
  ]
});
