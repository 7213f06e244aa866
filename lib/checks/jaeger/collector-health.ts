import { z } from "zod";
import { adminHealth, collectorAnswers } from "@/lib/connectors/jaeger/jaeger";
import { connectorFailure, defineCheck } from "../define-check";

/**
 * `curl http://jaeger-collector:14268/`: does the collector's HTTP port answer (its `/` is a
 * 404 by design: any HTTP answer means it listens), and what its admin port's health says
 * ({"status":"Server available"}), when systems.jaeger.metricsUrl names the admin port.
 */
export const collectorHealth = defineCheck({
  id: "jaeger.collector-health",
  system: "jaeger",
  title: "Jaeger collector health",
  runbook: { procedure: "jaeger-issues", purpose: "Check collector health", command: "curl http://jaeger-collector:14268/" },
  params: z.object({}),
  lab: true,
  async run(context) {
    const { collectorUrl, metricsUrl } = context.catalog.systems.jaeger;
    const [collector, admin] = await Promise.all([collectorAnswers(collectorUrl, context.deadlineMs), metricsUrl ? adminHealth(metricsUrl, context.deadlineMs) : Promise.resolve(null)]);
    if (!collector.ok) return connectorFailure(collector.error);
    const ms = Math.round(collector.ms);
    const data = { collector: { httpStatus: collector.value.httpStatus, ms }, admin: admin?.ok ? admin.value : null, adminError: admin && !admin.ok ? admin.error : null };
    const answered = `collector port answers (HTTP ${collector.value.httpStatus}, ${ms} ms)`;
    if (!admin) return { verdict: "ok", summary: `${answered}; admin health not configured`, data };
    if (!admin.ok) return { verdict: "warn", summary: `${answered}; admin health: ${admin.error.kind.replace("_", " ")}: ${admin.error.message}`, data };
    const available = admin.value.httpStatus === 200 && /^server available$/i.test(admin.value.status);
    const uptime = admin.value.uptime ? `, up ${admin.value.uptime.replace(/\.\d+s$/, "s")}` : "";
    return { verdict: available ? "ok" : "fail", summary: `${answered}; admin: "${admin.value.status}" (HTTP ${admin.value.httpStatus}${uptime})`, data };
  },
});
