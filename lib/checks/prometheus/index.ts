import { queryUp } from "./query-up";
import { targets } from "./targets";

export const prometheusChecks = [targets, queryUp];
