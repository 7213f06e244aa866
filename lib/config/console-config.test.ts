import { describe, expect, it } from "vitest";
import { parseConsoleConfig } from "./console-config";

describe("parseConsoleConfig", () => {
  it("accepts an empty file with the runbook's defaults", () => {
    const result = parseConsoleConfig("");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.services.map((service) => service.name)).toContain("normalization-service");
    expect(result.config.escalation.ackDeadline.SEV1).toBe("5m");
    expect(result.config.contacts.security.email).toBe("security@254carbon.com");
  });

  it("names the line and the field of a bad value", () => {
    const result = parseConsoleConfig(["escalation:", "  ackDeadline:", "    SEV1: soon", "notifications:", "  webhookUrl: not-a-url"].join("\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^console\.config\.yaml:3: escalation\.ackDeadline\.SEV1 must be a duration/),
      expect.stringMatching(/^console\.config\.yaml:5: notifications\.webhookUrl must be a URL/),
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const result = parseConsoleConfig("services:\n  - name: a\n   bad: [");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^console\.config\.yaml:\d+: /);
  });

  it("refuses a value that refers to itself through an alias, with a line, instead of overflowing the stack", () => {
    const result = parseConsoleConfig("services: &loop [*loop]\n");
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^console\.config\.yaml:1: a value refers to itself/)] });
  });
});
