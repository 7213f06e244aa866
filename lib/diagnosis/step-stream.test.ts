import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeEvents, encodeEvent, ProgressThrottle, wantsEventStream, type StepStreamEvent } from "./step-stream";
import type { StepResultJson } from "./types";

const result: StepResultJson = {
  id: "7",
  step: "check-service-logs",
  attempt: 1,
  status: "done",
  verdict: "warn",
  summary: "1,000 lines from normalization-service-abc, 12 ERROR/FATAL",
  data: { lines: ["line one\nwith a newline", "ERROR \"quoted\" \u2028 separator"] },
  params: { deployment: "normalization-service" },
  answer: null,
  branchTo: "end",
  branchReason: "errors in the logs",
  offPathFrom: null,
  offPathReason: null,
  durationMs: 412,
  ranBy: "l1@254carbon.com",
  startedAt: "2026-12-03T09:00:00.000Z",
  finishedAt: "2026-12-03T09:00:00.412Z",
};

const events: StepStreamEvent[] = [
  { type: "progress", progress: { text: 'running "Check service logs"', elapsedMs: 3 } },
  { type: "progress", progress: { text: "scanned 1,840 lines of normalization-service-abc, 12 ERROR/FATAL", elapsedMs: 250 } },
  { type: "result", result },
];

describe("step stream", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("frames each event as one SSE event whose data is the JSON the plain answer has", () => {
    expect(encodeEvent(events[1]!)).toBe('event: progress\ndata: {"text":"scanned 1,840 lines of normalization-service-abc, 12 ERROR/FATAL","elapsedMs":250}\n\n');
    const frame = encodeEvent({ type: "result", result });
    expect(frame.split("\n").filter((line) => line.startsWith("data: "))).toHaveLength(1);
    expect(JSON.parse(frame.split("\n")[1]!.slice("data: ".length))).toEqual(result);
    expect(encodeEvent({ type: "error", status: 409, error: { code: "conflict", message: "sam is running it" } })).toBe('event: error\ndata: {"status":409,"error":{"code":"conflict","message":"sam is running it"}}\n\n');
  });

  it("decodes what it encodes, however the bytes are split across chunks", () => {
    const text = events.map(encodeEvent).join("");
    for (const size of [1, 7, 64, text.length]) {
      const decoded: StepStreamEvent[] = [];
      let rest = "";
      for (let at = 0; at < text.length; at += size) {
        const step = decodeEvents(rest + text.slice(at, at + size));
        decoded.push(...step.events);
        rest = step.rest;
      }
      expect(decoded).toEqual(events);
      expect(rest).toBe("");
    }
  });

  it("follows SSE's rules for CRLF, comments, multi-line data and unknown events", () => {
    const { events: decoded, rest } = decodeEvents(': keep-alive\r\n\r\nevent: ping\r\ndata: {}\r\n\r\nevent: progress\ndata: {"text":"a",\ndata: "elapsedMs":1}\n\nevent: result\ndata: {"id"');
    expect(decoded).toEqual([{ type: "progress", progress: { text: "a", elapsedMs: 1 } }]);
    expect(rest).toBe('event: result\ndata: {"id"');
  });

  it("is chosen only when the client accepts text/event-stream", () => {
    const request = (accept?: string) => new Request("http://console.test/", { method: "POST", headers: accept ? { accept } : {} });
    expect(wantsEventStream(request("text/event-stream"))).toBe(true);
    expect(wantsEventStream(request("application/json, Text/Event-Stream;q=0.9"))).toBe(true);
    expect(wantsEventStream(request("application/json"))).toBe(false);
    expect(wantsEventStream(request())).toBe(false);
  });

  it("sends the first progress at once, then at most one per interval with the newest figures, and flushes the last before the result", () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: string[] = [];
    const throttle = new ProgressThrottle((progress) => sent.push(progress.text), 250, () => now);
    throttle.push({ text: "started", elapsedMs: 0 });
    throttle.push({ text: "100 lines", elapsedMs: 10 });
    throttle.push({ text: "200 lines", elapsedMs: 20 });
    expect(sent).toEqual(["started"]);
    now = 250;
    vi.advanceTimersByTime(250);
    expect(sent).toEqual(["started", "200 lines"]);
    now = 300;
    throttle.push({ text: "300 lines", elapsedMs: 300 });
    expect(sent).toEqual(["started", "200 lines"]);
    throttle.flush();
    expect(sent).toEqual(["started", "200 lines", "300 lines"]);
    throttle.flush();
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(3);
  });
});
