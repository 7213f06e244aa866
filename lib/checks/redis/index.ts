import { rateLimitKeysCheck } from "./rate-limit-keys";

/** The runbook's Redis command, run by the console. */
export const redisChecks = [rateLimitKeysCheck];
