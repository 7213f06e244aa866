import { describe, expect, it } from "vitest";
import { AppError, isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures however deeply wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("wrapped again", { cause: refused }) }))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P1001" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("does not mistake other errors for an outage", () => {
    expect(isDatabaseUnavailable(new Error("duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(new AppError("conflict", "exists"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("AppError", () => {
  it("maps codes to HTTP statuses", () => {
    expect(new AppError("forbidden", "no").status).toBe(403);
    expect(new AppError("conflict", "no").status).toBe(409);
  });
});
