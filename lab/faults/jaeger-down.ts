/**
 * jaeger-down: the Jaeger collector (all-in-one) stops. `curl http://jaeger-collector:14268/`
 * is refused, the jaeger pod (component=jaeger-collector) is not ready, and the services'
 * spans are dropped (their export is best effort). Heal starts Jaeger again ("Restart Jaeger
 * components"); the spans it already stored stay in elasticsearch-0.
 */
import { setFault } from "../core/fault-state.ts";
import { startJaeger, stopJaeger } from "../cluster/jaeger.ts";
import type { Fault } from "./fault.ts";

export const jaegerDown: Fault = {
  name: "jaeger-down",
  runbook: "Tracing Issues › Jaeger Issues",
  description: "the Jaeger collector stops: jaeger-collector:14268 refuses connections, the jaeger pod is not ready, new spans are lost",
  inject: async () => {
    setFault("jaeger-down", true);
    await stopJaeger();
  },
  heal: async () => {
    await startJaeger();
    setFault("jaeger-down", false);
  },
};
