import { describe, expect, it } from "vitest";
import { SlowSignal } from "./slow-signal";

describe("SlowSignal", () => {
  it("reads once, then serves the last value until its cadence is due", async () => {
    let now = 0;
    let reads = 0;
    const signal = new SlowSignal(async () => ++reads, { everyMs: 60_000, soonestMs: 10_000 }, () => now);
    expect(await signal.read()).toBe(1);
    now = 30_000;
    expect(await signal.read()).toBe(1);
    now = 61_000;
    await signal.read(); // starts the refresh, answers the last value
    await Promise.resolve();
    expect(await signal.read()).toBe(2);
    expect(reads).toBe(2);
  });

  it("reads sooner when told something changed, but not more often than soonestMs", async () => {
    let now = 0;
    let reads = 0;
    const signal = new SlowSignal(async () => ++reads, { everyMs: 60_000, soonestMs: 10_000 }, () => now);
    await signal.read();
    now = 5_000;
    await signal.read({ soon: true });
    expect(reads).toBe(1);
    now = 11_000;
    await signal.read({ soon: true });
    await Promise.resolve();
    expect(reads).toBe(2);
  });

  it("keeps the last value when a refresh fails", async () => {
    let now = 0;
    let fail = false;
    const signal = new SlowSignal(async () => (fail ? Promise.reject(new Error("down")) : "expires in 80 days"), { everyMs: 1_000, soonestMs: 500 }, () => now);
    expect(await signal.read()).toBe("expires in 80 days");
    fail = true;
    now = 2_000;
    await signal.read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await signal.read()).toBe("expires in 80 days");
  });
});

describe("SlowSignal with awaitRefresh", () => {
  it("waits for a due refresh, so a change shows in the same read", async () => {
    let now = 0;
    let reads = 0;
    const signal = new SlowSignal(async () => ++reads, { everyMs: 5_000, soonestMs: 5_000, awaitRefresh: true }, () => now);
    expect(await signal.read()).toBe(1);
    now = 3_000;
    expect(await signal.read()).toBe(1);
    now = 5_000;
    expect(await signal.read()).toBe(2);
  });
});
