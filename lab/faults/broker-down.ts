/** broker-down: the Kafka broker (kafka-0) stops; heal starts it again (lab/scripts/kafka.sh). */
import { script } from "../commands/shell.ts";
import { setFault } from "../core/fault-state.ts";
import type { Fault } from "./fault.ts";

export const brokerDown: Fault = {
  name: "broker-down",
  runbook: "Kafka Issues › Broker Issues",
  description: "the Kafka broker process stops: kafka-0 not ready, producers and consumers log connection errors",
  inject: async () => {
    setFault("broker-down", true);
    await script("kafka", ["stop"], "lab-faults");
  },
  heal: async () => {
    await script("kafka", ["start"], "lab-faults");
    setFault("broker-down", false);
  },
};
