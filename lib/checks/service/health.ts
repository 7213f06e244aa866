import { z } from "zod";
import { probeHealth } from "@/lib/connectors/http/service-endpoints";
import { printable } from "@/lib/connectors/text";
import { connectorFailure, defineCheck } from "../define-check";
import { findService, serviceName } from "./service-target";

const HEALTHY = new Set(["ok", "healthy", "up", "pass", "green"]);

/** `curl http://normalization-service:8080/health`: HTTP status, the body's status field, how long it took. */
export const health = defineCheck({
  id: "service.health",
  system: "service",
  title: "Service health endpoint",
  runbook: { procedure: "check-service-status", purpose: "Check service health endpoint", command: "curl http://normalization-service:8080/health" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const found = findService(context, params.service);
    if ("verdict" in found) return found;
    if (!found.service.healthUrl) return connectorFailure({ kind: "not_configured", message: `no health URL for ${params.service} (healthUrl in the catalog)` });
    const result = await probeHealth(found.service.healthUrl, context.deadlineMs, { anyStatus: true });
    if (!result.ok) return connectorFailure(result.error);
    const { httpStatus, body, text } = result.value;
    const ms = Math.round(result.ms);
    const status = body && typeof body.status === "string" ? printable(body.status, 40) : null;
    // the rest of the body as short printable strings (e.g. kafka: consuming, clickhouse: ok)
    const details = body ? Object.fromEntries(Object.entries(body).slice(0, 20).map(([key, value]) => [printable(key, 60), printable(typeof value === "string" ? value : JSON.stringify(value), 120)])) : null;
    const healthy = httpStatus >= 200 && httpStatus < 300 && (status === null || HEALTHY.has(status.toLowerCase()));
    const verdict = httpStatus >= 400 ? "fail" : healthy ? "ok" : "warn";
    const parts = [`HTTP ${httpStatus}`, status ? `status "${status}"` : body ? "no status field" : "not JSON", `${ms} ms`];
    return { verdict, summary: `${params.service}: ${parts.join(", ")}`, data: { service: params.service, httpStatus, status, details, text: body ? null : printable(text, 500), ms } };
  },
});
