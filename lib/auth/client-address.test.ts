import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("uses the socket's peer and ignores X-Forwarded-For when no proxy is trusted (a sprayer cannot change it)", () => {
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: "203.0.113.9", trustedHops: 0 })).toBe("198.51.100.7");
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: "203.0.113.9, 10.0.0.2", trustedHops: 0 })).toBe("198.51.100.7");
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: null, trustedHops: 0 })).toBe("198.51.100.7");
  });

  it("counts trusted proxies from the right, so a forged left-most hop is never believed", () => {
    // Client 203.0.113.9 forged "1.2.3.4"; the load balancer (peer 10.0.0.2) appended the real client.
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9", trustedHops: 1 })).toBe("203.0.113.9");
    // Two proxies: CDN appended the client, the load balancer appended the CDN.
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9, 10.0.0.9", trustedHops: 2 })).toBe("203.0.113.9");
  });

  it("takes the left-most hop when fewer hops arrived than are trusted", () => {
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: null, trustedHops: 2 })).toBe("10.0.0.2");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.9", trustedHops: 3 })).toBe("203.0.113.9");
  });

  it("strips the IPv4-mapped prefix and has no address without a peer", () => {
    expect(clientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: null, trustedHops: 0 })).toBe("127.0.0.1");
    expect(clientAddress({ peer: null, forwardedFor: "203.0.113.9", trustedHops: 1 })).toBeNull();
    expect(clientAddress({ peer: " ", forwardedFor: null, trustedHops: 0 })).toBeNull();
  });
});
