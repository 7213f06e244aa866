import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => void vi.useRealTimers());
import { classifyError, redact, redactLogLine, withDeadline } from "./result";

describe("withDeadline", () => {
  it("returns the value and how long it took", async () => {
    const result = await withDeadline(1_000, async () => 42);
    expect(result).toMatchObject({ ok: true, value: 42 });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it("answers timeout at the deadline, not before, even when the task ignores its signal", async () => {
    vi.useFakeTimers();
    let answered = false;
    const pending = withDeadline(100, () => new Promise(() => {})).finally(() => (answered = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ ok: false, error: { kind: "timeout", message: "no answer within 100 ms" } });
  });

  it("hands the task a signal that aborts at the deadline", async () => {
    let aborted = false;
    await withDeadline(50, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => ((aborted = true), reject(new Error("aborted"))))));
    expect(aborted).toBe(true);
  });

  it("classifies a thrown error instead of throwing", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(await withDeadline(1_000, async () => Promise.reject(refused))).toMatchObject({ ok: false, error: { kind: "unreachable" } });
  });
});

describe("classifyError and redact", () => {
  it("finds network codes in causes", () => {
    expect(classifyError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toEqual({ kind: "unreachable", message: "connection failed (ECONNREFUSED)" });
  });

  it("never lets a password through", () => {
    expect(redact("connect to postgresql://user:hunter2@db:5432/x failed")).toBe("connect to postgresql://***:***@db:5432/x failed");
    expect(redact('auth failed: password="hunter2"')).not.toContain("hunter2");
    expect(redact("Authorization: Bearer abc.def")).not.toContain("abc.def");
  });
});

describe("redactLogLine", () => {
  it("hides credentials in log lines and keeps the rest readable and whole", () => {
    expect(redactLogLine('WARN lookup failed api_key="ak_live_123" user=ops')).toBe('WARN lookup failed api_key="***" user=ops');
    expect(redactLogLine("ERROR connect postgresql://user:pipeline@db:5432/db refused")).toBe("ERROR connect postgresql://***:***@db:5432/db refused");
    expect(redactLogLine("GET /v1 Authorization: Bearer eyJabc")).not.toContain("eyJabc");
    expect(redactLogLine("INFO token bucket refilled, 30 tokens")).toBe("INFO token bucket refilled, 30 tokens");
    expect(redactLogLine("x".repeat(3_000))).toHaveLength(3_000);
  });
});
