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

describe("redactLogLine: every common secret shape", () => {
  const cases: [shape: string, line: string, secret: string, kept?: string][] = [
    ["JSON password", '{"level":"error","password": "hunter2 with spaces","user":"ops"}', "hunter2", '"user":"ops"'],
    ["JSON api_key", '{"api_key":"ak_live_123","host":"db"}', "ak_live_123", '"host":"db"'],
    ["env DB_PASSWORD", "starting with DB_PASSWORD=s3cr3t-pw PORT=5432", "s3cr3t-pw", "PORT=5432"],
    ["client_secret in a query", "POST /oauth/token grant_type=client_credentials&client_secret=cs_9f8e7d&scope=x", "cs_9f8e7d"],
    ["client_secret as JSON", '{"client_secret": "cs_9f8e7d"}', "cs_9f8e7d"],
    ["redis URL with only a password", "ERROR redis://:redispw@redis:6379/0 refused", "redispw", "redis:6379/0 refused"],
    ["password containing @ in a URL", "connect postgresql://app:p@ss@word@db:5432/x failed", "ss@word", "db:5432/x failed"],
    ["password containing @ in a field", "login password=p@ss@word ok", "ss@word", "ok"],
    ["Authorization: Token", "GET /api Authorization: Token tk_abcdef123 200", "tk_abcdef123", "200"],
    ["Authorization: Bearer", "GET /v1 Authorization: Bearer eyJabc.def", "eyJabc"],
    ["authorization header as JSON", '{"authorization":"Basic dXNlcjpwdw=="}', "dXNlcjpwdw=="],
    ["X-Api-Key header", "proxy sent X-Api-Key: key-778899", "key-778899"],
    ["single-quoted secret", "config secret='a b c' loaded", "a b c", "loaded"],
  ];
  it.each(cases)("%s", (_shape, line, secret, kept) => {
    const redacted = redactLogLine(line);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain("***");
    if (kept) expect(redacted).toContain(kept);
    expect(redact(line)).not.toContain(secret);
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
