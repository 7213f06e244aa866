import { describe, expect, it } from "vitest";
import { FollowSlots, withFollowLimits } from "./log-follows";

describe("FollowSlots", () => {
  it("caps follows per person and in total with a 429 that says which, and frees slots on release", () => {
    const slots = new FollowSlots({ perActor: 2, total: 3 });
    const first = slots.acquire("user:a");
    slots.acquire("user:a");
    expect(() => slots.acquire("user:a")).toThrow(expect.objectContaining({ code: "too_many_requests", userMessage: expect.stringContaining("at most 2 at a time") }));
    slots.acquire("user:b");
    expect(() => slots.acquire("user:c")).toThrow(expect.objectContaining({ code: "too_many_requests", userMessage: expect.stringContaining("for everyone (at most 3 at a time)") }));
    first();
    first(); // twice is once
    expect(slots.size).toBe(2);
    expect(() => slots.acquire("user:c")).not.toThrow();
  });
});

describe("withFollowLimits", () => {
  async function* lines(signal: AbortSignal, every: number | null) {
    yield { type: "start" };
    while (!signal.aborted) {
      await new Promise<void>((resolve) => {
        const timer = every === null ? undefined : setTimeout(resolve, every);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (!signal.aborted) yield { type: "line" };
    }
  }
  const collect = async (generator: AsyncGenerator<{ type: string; message?: string }>) => {
    const events: { type: string; message?: string }[] = [];
    for await (const event of generator) events.push(event);
    return events;
  };
  const timeout = (message: string) => ({ type: "error", message });

  it("ends a quiet follow at the idle limit with an error event saying so", async () => {
    const events = await collect(withFollowLimits((signal) => lines(signal, null), new AbortController().signal, { maxDurationMs: 60_000, idleMs: 50 }, timeout));
    expect(events.map((event) => event.type)).toEqual(["start", "error"]);
    expect(events.at(-1)!.message).toContain("without a new line");
  });

  it("ends a busy follow at the time limit", async () => {
    const events = await collect(withFollowLimits((signal) => lines(signal, 5), new AbortController().signal, { maxDurationMs: 100, idleMs: 60_000 }, timeout));
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)).toMatchObject({ type: "error", message: expect.stringContaining("following stopped after") });
  });

  it("ends without an error event when the reader goes away", async () => {
    const reader = new AbortController();
    setTimeout(() => reader.abort(), 30);
    const events = await collect(withFollowLimits((signal) => lines(signal, 5), reader.signal, { maxDurationMs: 60_000, idleMs: 60_000 }, timeout));
    expect(events.every((event) => event.type !== "error")).toBe(true);
  });
});
