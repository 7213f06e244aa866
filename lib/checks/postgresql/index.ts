import { activeApiKeysCheck } from "./active-api-keys";
import { activityCheck } from "./activity";
import { databaseSizeCheck } from "./database-size";
import { slowQueriesCheck } from "./slow-queries";

/** The runbook's commands on the pipeline's PostgreSQL, run by the console. */
export const postgresqlChecks = [activityCheck, databaseSizeCheck, slowQueriesCheck, activeApiKeysCheck];
