import { health } from "./health";
import { heap } from "./heap";
import { latency } from "./latency";
import { processed } from "./processed";
import { quality } from "./quality";
import { rateLimit } from "./rate-limit";

export const serviceChecks = [health, processed, quality, latency, rateLimit, heap];
