import { describe, expect, it } from "vitest";
import { LOCK_MS, lockedUntil, MAX_FAILURES, subjectsFor } from "./throttle";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 3, 0, 0) + seconds * 1000);

describe("lockedUntil", () => {
  it("does not lock below the limit", () => {
    const failures = Array.from({ length: MAX_FAILURES - 1 }, (_, i) => at(i));
    expect(lockedUntil(failures, at(20))).toBeNull();
  });

  it("locks for five minutes from the failure that reaches the limit within one minute", () => {
    const failures = Array.from({ length: MAX_FAILURES }, (_, i) => at(i * 5));
    const until = lockedUntil(failures, at(50));
    expect(until).toEqual(new Date(at(45).getTime() + LOCK_MS));
    expect(lockedUntil(failures, new Date(at(45).getTime() + LOCK_MS + 1))).toBeNull();
  });

  it("does not lock when the failures are spread over more than a minute", () => {
    const failures = Array.from({ length: MAX_FAILURES * 2 }, (_, i) => at(i * 7));
    expect(lockedUntil(failures, at(200))).toBeNull();
  });

  it("does not depend on the order the failures arrive in", () => {
    const failures = Array.from({ length: MAX_FAILURES }, (_, i) => at(i)).reverse();
    expect(lockedUntil(failures, at(10))).not.toBeNull();
  });
});

describe("subjectsFor", () => {
  it("throttles the account in lower case and the address when known", () => {
    expect(subjectsFor(" Ops@Example.COM ", "10.0.0.1")).toEqual(["account:ops@example.com", "address:10.0.0.1"]);
    expect(subjectsFor("ops@example.com", null)).toEqual(["account:ops@example.com"]);
  });
});
