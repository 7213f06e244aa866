import { afterEach, describe, expect, it, vi } from "vitest";
import { newIdempotencyKey } from "./idempotency-key";

describe("newIdempotencyKey", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("works where crypto.randomUUID does not exist (plain HTTP on a LAN address)", () => {
    vi.stubGlobal("crypto", { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{32}$/);
  });

  it("gives a different key each time, in the shape the note and declare schemas accept", () => {
    const keys = new Set(Array.from({ length: 1_000 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(1_000);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
  });
});
