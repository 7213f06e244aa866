import { z } from "zod";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { listPods, type PodSummary } from "@/lib/connectors/kubernetes/pods";
import { failure } from "@/lib/connectors/result";
import { connectorFailure, defineCheck } from "../define-check";

/** `kubectl get pods -n data-processing -l app=normalization-service` */
export const getPods = defineCheck({
  id: "kubernetes.get-pods",
  system: "kubernetes",
  title: "Pods of a service",
  runbook: { procedure: "check-service-status", purpose: "Check specific service", command: "kubectl get pods -n data-processing -l app=normalization-service" },
  variants: [
    { procedure: "prometheus-issues", purpose: "Check Prometheus status", command: "kubectl get pods -n monitoring -l app=prometheus", params: { namespace: "monitoring", selector: "app=prometheus" } },
    { procedure: "grafana-issues", purpose: "Check Grafana status", command: "kubectl get pods -n monitoring -l app=grafana", params: { namespace: "monitoring", selector: "app=grafana" } },
    { procedure: "jaeger-issues", purpose: "Check Jaeger status", command: "kubectl get pods -n data-processing -l component=jaeger-collector", params: { namespace: "data-processing", selector: "component=jaeger-collector" } },
  ],
  params: z.object({
    namespace: z.string().regex(/^[a-z0-9-]+$/).default("data-processing"),
    selector: z.string().regex(/^[A-Za-z0-9_./=,!-]*$/).default(""),
  }),
  lab: true,
  async run(context, params) {
    const target = kubeTarget(context.catalog.systems.kubernetes);
    const result = target ? await listPods(target, params.namespace, params.selector, context.deadlineMs) : failure("not_configured", "no kubeconfig (set KUBECONFIG or systems.kubernetes.kubeconfig)");
    if (!result.ok) return connectorFailure(result.error);
    const pods: PodSummary[] = result.value;
    const ready = pods.filter((pod) => pod.ready.total > 0 && pod.ready.ready === pod.ready.total).length;
    const waiting = [...new Set(pods.map((pod) => pod.waitingReason).filter(Boolean))];
    const restarts = pods.reduce((sum, pod) => sum + pod.restarts, 0);
    const verdict = pods.length === 0 || ready === 0 ? "fail" : ready < pods.length || waiting.length || restarts >= context.thresholds.restartsWarn ? "warn" : "ok";
    const parts = [`${ready}/${pods.length} pods ready`, ...waiting, ...(restarts ? [`${restarts} restarts`] : [])];
    return { verdict, summary: parts.join(", "), data: { pods } };
  },
});
