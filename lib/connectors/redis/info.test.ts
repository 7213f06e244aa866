import { describe, expect, it } from "vitest";
import { classifyRedisError } from "./client";
import { parseInfo } from "./info";

describe("parseInfo", () => {
  it("reads INFO's key:value lines and skips section headers", () => {
    expect(parseInfo("# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:12\r\n\r\n# Replication\r\nrole:master\r\nodd line\r\n")).toEqual({
      redis_version: "7.0.15",
      uptime_in_seconds: "12",
      role: "master",
    });
  });
});

describe("classifyRedisError", () => {
  it("maps refused logins, network errors and timeouts to kinds without repeating secrets", () => {
    expect(classifyRedisError(new Error("WRONGPASS invalid username-password pair or user is disabled."))).toEqual({ kind: "unauthorized", message: "Redis refused the login (WRONGPASS)" });
    expect(classifyRedisError(new Error("NOAUTH Authentication required."))).toMatchObject({ kind: "unauthorized" });
    expect(classifyRedisError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toMatchObject({ kind: "unreachable" });
    expect(classifyRedisError(new Error("Command timed out"))).toMatchObject({ kind: "timeout" });
    expect(classifyRedisError(new Error("ERR something at redis://u:hunter2@host:6379")).message).not.toContain("hunter2");
  });
});
