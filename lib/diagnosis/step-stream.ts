import type { PublicError } from "@/lib/server/report-error";
import type { StepProgress, StepResultJson } from "./types";

/**
 * A step pressed with `Accept: text/event-stream` is answered as Server-Sent Events:
 * `progress` events while it runs, then one `result` (the same JSON the plain answer has) or
 * one `error` (`{status, error: {code, message}}`, as the plain answer's body and status).
 * Pure, for the server (step-stream-response.ts) and the browser (components/run-step-streamed.ts);
 * EventSource cannot POST, so the browser reads the stream with fetch and `decodeEvents`.
 */
export type StepStreamEvent =
  | { type: "progress"; progress: StepProgress }
  | { type: "result"; result: StepResultJson }
  | { type: "error"; status: number; error: PublicError };

export const EVENT_STREAM = "text/event-stream";

/** Whether the client asked for the streamed answer (an API client that does not keeps plain JSON). */
export function wantsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").split(",").some((type) => type.split(";")[0]?.trim().toLowerCase() === EVENT_STREAM);
}

/** One SSE frame. JSON has no raw newlines, so one `data:` line carries the event whole. */
export function encodeEvent(event: StepStreamEvent): string {
  const { type, ...body } = event;
  const data = type === "progress" ? event.progress : type === "result" ? event.result : body;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The complete events in `buffer` (text received so far) and the incomplete rest to prepend
 * to the next chunk. Frames end with a blank line; `data:` lines of one frame are joined with
 * newlines, comments (`:`) and unknown events are skipped (SSE's own rules).
 */
export function decodeEvents(buffer: string): { events: StepStreamEvent[]; rest: string } {
  const normalized = buffer.replace(/\r\n?/g, "\n");
  const frames = normalized.split("\n\n");
  const rest = frames.pop() ?? "";
  const events: StepStreamEvent[] = [];
  for (const frame of frames) {
    let type = "message";
    const data: string[] = [];
    for (const line of frame.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") type = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) continue;
    const parsed: unknown = JSON.parse(data.join("\n"));
    if (type === "progress") events.push({ type, progress: parsed as StepProgress });
    else if (type === "result") events.push({ type, result: parsed as StepResultJson });
    else if (type === "error") events.push({ type, ...(parsed as { status: number; error: PublicError }) });
  }
  return { events, rest };
}

/**
 * At most one progress event per `intervalMs` (a log scan reports every chunk it reads): the
 * first goes at once, later ones keep only the newest and send it when the interval is up.
 * `flush` sends what is pending, before the result, so the last figures always arrive.
 */
export class ProgressThrottle {
  private lastSent = Number.NEGATIVE_INFINITY;
  private pending: StepProgress | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (progress: StepProgress) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(progress: StepProgress): void {
    const wait = this.lastSent + this.intervalMs - this.now();
    if (wait <= 0 && !this.timer) {
      this.emit(progress);
      return;
    }
    this.pending = progress;
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, wait));
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending) this.emit(this.pending);
    this.pending = null;
  }

  private emit(progress: StepProgress): void {
    this.lastSent = this.now();
    this.send(progress);
  }
}
