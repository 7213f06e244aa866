import { describe, expect, it } from "vitest";
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from "./api-key-format";

describe("API key format", () => {
  it("round-trips: a generated key parses to its prefix and a secret matching its hash", () => {
    const { key, prefix, secretHash } = generateApiKey();
    const parsed = parseApiKey(key);
    expect(parsed?.prefix).toBe(prefix);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
    expect(secretHash).toBe(hashSecret(parsed!.secret));
  });

  it("generates different keys", () => {
    expect(generateApiKey().key).not.toBe(generateApiKey().key);
  });

  it("rejects anything that is not a key", () => {
    expect(parseApiKey("")).toBeNull();
    expect(parseApiKey("ick_short_secret")).toBeNull();
    expect(parseApiKey("Bearer ick_abcdefghijkl_" + "a".repeat(43))).toBeNull();
    expect(parseApiKey("ick_abcdefghijkl_" + "a".repeat(43))).not.toBeNull();
  });

  it("does not match a different secret", () => {
    const { secretHash } = generateApiKey();
    expect(secretMatches("a".repeat(43), secretHash)).toBe(false);
    expect(secretMatches("x", "not-hex")).toBe(false);
  });
});
