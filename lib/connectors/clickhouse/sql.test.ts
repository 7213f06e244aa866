import { describe, expect, it } from "vitest";
import { classifyClickHouseError, printable } from "./client";
import { Identifier, isIdentifier, sql } from "./sql";

describe("sql (literals for ClickHouse 18.16, which has no query parameters)", () => {
  it("quotes strings and escapes what could end them", () => {
    expect(sql`SELECT ${"AAPL"}`).toBe("SELECT 'AAPL'");
    expect(sql`WHERE symbol = ${"AAPL' OR 1=1 --\\'"}`).toBe("WHERE symbol = 'AAPL\\' OR 1=1 --\\\\\\''");
    expect(sql`${"a\nb\tc\rd\0e"}`).toBe("'a\\nb\\tc\\rd\\0e'");
    // Backslash first: an input ending in a backslash cannot escape the closing quote.
    expect(sql`${"x\\"}`).toBe("'x\\\\'");
  });

  it("writes finite numbers and refuses NaN and infinities", () => {
    expect(sql`LIMIT ${10}`).toBe("LIMIT 10");
    expect(sql`> ${-1.5}`).toBe("> -1.5");
    expect(() => sql`${Number.NaN}`).toThrow(/finite/);
    expect(() => sql`${Number.POSITIVE_INFINITY}`).toThrow(/finite/);
  });

  it("writes lists of values for IN, and refuses an empty one", () => {
    expect(sql`IN ${["default", "it's"]}`).toBe("IN ('default', 'it\\'s')");
    expect(sql`IN ${[1, 2]}`).toBe("IN (1, 2)");
    expect(() => sql`IN ${[]}`).toThrow(/empty/);
  });

  it("back-quotes identifiers that match the strict pattern, and refuses anything else", () => {
    expect(sql`FROM ${Identifier.parse("market_ticks")}`).toBe("FROM `market_ticks`");
    expect(sql`FROM ${Identifier.parse("default.market_ticks")}`).toBe("FROM `default`.`market_ticks`");
    for (const bad of ["market_ticks; DROP TABLE x", "a`b", "1table", "a.b.c", "", "x y", "t--", "a.", "ä"]) {
      expect(() => Identifier.parse(bad), bad).toThrow(/not an identifier/);
      expect(isIdentifier(bad), bad).toBe(false);
    }
    expect(Identifier.parse("default.market_ticks")).toMatchObject({ database: "default", name: "market_ticks" });
  });

  it("refuses values of other types instead of stringifying them", () => {
    expect(() => sql`${{ toString: () => "1; DROP" } as unknown as string}`).toThrow(/cannot be written/);
  });
});

describe("ClickHouse 18.16 errors (codes only in the message text)", () => {
  it("maps codes to kinds without echoing anything secret", () => {
    const wrong = classifyClickHouseError(new Error("Code: 193, e.displayText() = DB::Exception: Wrong password for user console, e.what() = DB::Exception"));
    expect(wrong).toEqual({ kind: "unauthorized", message: "ClickHouse refused the login (code 193: wrong user or password)" });
    expect(classifyClickHouseError(new Error("Code: 60, e.displayText() = DB::Exception: Table default.nope doesn't exist., e.what() = DB::Exception"))).toEqual({
      kind: "not_found",
      message: "ClickHouse: Table default.nope doesn't exist (code 60)",
    });
    expect(classifyClickHouseError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })).kind).toBe("unreachable");
    expect(classifyClickHouseError(new Error("Timeout error.")).kind).toBe("timeout");
    expect(classifyClickHouseError(new Error("Code: 62, e.displayText() = DB::Exception: Syntax error")).kind).toBe("bad_response");
  });

  it("keeps server text printable, bounded, and without quoted passwords", () => {
    expect(printable("a\u0000b\u001b[31m")).toBe("a b [31m");
    expect(printable("x".repeat(600))).toHaveLength(500);
    expect(printable("CREATE USER u IDENTIFIED BY password 'hunter2'")).not.toContain("hunter2");
  });
});
