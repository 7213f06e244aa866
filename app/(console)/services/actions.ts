"use server";

import { action } from "@/lib/server/action";
import { captureHealth, captureHealthInput } from "@/lib/health/capture-health";

/** "Capture to incident": the panel's current state onto the incident's timeline. */
export const captureHealthAction = action({ name: "health.capture", permission: "incident:write", input: captureHealthInput }, ({ actor, db, input }) => captureHealth({ db, actor, input }));
