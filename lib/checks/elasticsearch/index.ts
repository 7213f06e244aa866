import { clusterHealthCheck } from "./cluster-health";
import { spanCountCheck } from "./span-count";

export const elasticsearchChecks = [clusterHealthCheck, spanCountCheck];
