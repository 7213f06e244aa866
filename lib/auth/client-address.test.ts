import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("uses the hop Next.js itself added unless a proxy is trusted", () => {
    expect(clientAddress("203.0.113.9, 127.0.0.1", false)).toBe("127.0.0.1");
    expect(clientAddress("203.0.113.9, 10.0.0.2", true)).toBe("203.0.113.9");
  });

  it("strips the IPv4-mapped prefix and handles absence", () => {
    expect(clientAddress("::ffff:127.0.0.1", false)).toBe("127.0.0.1");
    expect(clientAddress(null, false)).toBeNull();
    expect(clientAddress(" , ", true)).toBeNull();
  });
});
