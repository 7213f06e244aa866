import type { PublicError } from "@/lib/server/report-error";
import type { ActionResult } from "@/lib/server/run-action";
import { decodeEvents, EVENT_STREAM } from "../step-stream";
import type { StepProgress, StepResultJson } from "../types";

const CUT_OFF = "The answer was cut off (the console restarted or the network went away). The step goes on on the server: its result appears here once it is recorded.";

/**
 * Presses a step through the step route with `Accept: text/event-stream` (lib/diagnosis/step-stream.ts):
 * `onProgress` hears how far it is while it runs (a log scan's lines and matches), and the
 * outcome is the same result value a server action gives. A refusal before the step started
 * (bad input, someone else running it) is a plain JSON error with its status.
 */
export async function runStepStreamed(options: {
  incidentId: string;
  runId: string;
  stepId: string;
  body: Record<string, unknown>;
  onProgress: (progress: StepProgress) => void;
}): Promise<ActionResult<StepResultJson>> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/incidents/${encodeURIComponent(options.incidentId)}/runs/${encodeURIComponent(options.runId)}/steps/${encodeURIComponent(options.stepId)}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: EVENT_STREAM },
      body: JSON.stringify(options.body),
    });
  } catch {
    return { ok: false, error: { code: "unavailable", message: "The console is unreachable; nothing was run. Press again once it is back." } };
  }
  if (!response.ok || !response.body || !response.headers.get("content-type")?.startsWith(EVENT_STREAM)) {
    const answer = (await response.json().catch(() => null)) as { error?: PublicError } | null;
    return { ok: false, error: answer?.error ?? { code: "internal", message: `The console answered ${response.status}.` } };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const { events, rest } = decodeEvents(buffer + value);
      buffer = rest;
      for (const event of events) {
        if (event.type === "progress") options.onProgress(event.progress);
        else if (event.type === "result") return { ok: true, value: event.result };
        else return { ok: false, error: event.error };
      }
    }
  } catch {
    // a dropped connection: the same as a stream that ended without its outcome
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { ok: false, error: { code: "unavailable", message: CUT_OFF } };
}
