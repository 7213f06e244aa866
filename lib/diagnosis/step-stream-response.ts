import "server-only";
import { toPublicError } from "@/lib/server/report-error";
import { EVENT_STREAM, ProgressThrottle, encodeEvent, type StepStreamEvent } from "./step-stream";
import type { StepProgress, StepResultJson } from "./types";

/**
 * Answers a step as Server-Sent Events (step-stream.ts). The answer waits for the step's first
 * progress, which runStep gives once the press holds the step: anything refused before that
 * (bad parameters, an unknown step, someone else running it) is thrown, and the route answers
 * it with its usual status and JSON body. After it, the outcome travels in the stream: the
 * result, or an error that says what was not recorded. A client that goes away does not stop
 * the step; its result is stored and on the timeline like any other.
 */
export async function streamedStep(run: (onProgress: (progress: StepProgress) => void) => Promise<StepResultJson>): Promise<Response> {
  const encoder = new TextEncoder();
  const buffered: string[] = [];
  let output: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const send = (event: StepStreamEvent) => {
    const frame = encodeEvent(event);
    if (!output) buffered.push(frame);
    else if (!closed) {
      try {
        output.enqueue(encoder.encode(frame));
      } catch {
        closed = true; // the client went away
      }
    }
  };
  const throttle = new ProgressThrottle((progress) => send({ type: "progress", progress }));
  let holdsStep!: () => void;
  const held = new Promise<void>((resolve) => (holdsStep = resolve));
  const outcome = run((progress) => {
    holdsStep();
    throttle.push(progress);
  });
  await Promise.race([held, outcome]);

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      output = controller;
      for (const frame of buffered.splice(0)) controller.enqueue(encoder.encode(frame));
      void outcome
        .then(
          (result) => {
            throttle.flush();
            send({ type: "result", result });
          },
          (error: unknown) => {
            throttle.flush();
            const mapped = toPublicError(error, "api v1.runs.step (stream)");
            send({ type: "error", status: mapped.status, error: mapped.error });
          },
        )
        .finally(() => {
          if (closed) return;
          closed = true;
          controller.close();
        });
    },
    cancel() {
      closed = true;
    },
  });
  return new Response(stream, { headers: { "content-type": `${EVENT_STREAM}; charset=utf-8`, "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" } });
}
