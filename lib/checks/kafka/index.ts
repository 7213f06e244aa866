import { brokerApiVersionsCheck } from "./broker-api-versions";
import { consumerGroupDescribe } from "./consumer-group-describe";
import { consumerGroupsList } from "./consumer-groups-list";
import { logDirs } from "./log-dirs";
import { topicDescribe } from "./topic-describe";
import { topicsList } from "./topics-list";

/** The runbook's Kafka commands (Data Not Processing, Consumer Lag, Broker Issues) as checks. */
export const kafkaChecks = [consumerGroupDescribe, consumerGroupsList, topicDescribe, logDirs, brokerApiVersionsCheck, topicsList];
