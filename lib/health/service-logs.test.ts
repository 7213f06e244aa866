import { describe, expect, it } from "vitest";
import { requireServicePod } from "./service-logs";

describe("requireServicePod", () => {
  it("refuses a pod of the namespace that is not the service's, with a 404", () => {
    expect(() => requireServicePod("normalization-service", "postgresql-0", ["normalization-service-7d9f-abcde"])).toThrow(
      expect.objectContaining({ code: "not_found", userMessage: expect.stringContaining("No pod named postgresql-0 belongs to normalization-service") }),
    );
    expect(() => requireServicePod("normalization-service", "postgresql-0", [])).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("accepts the service's own pods", () => {
    expect(() => requireServicePod("normalization-service", "normalization-service-7d9f-abcde", ["normalization-service-7d9f-abcde"])).not.toThrow();
  });
});
