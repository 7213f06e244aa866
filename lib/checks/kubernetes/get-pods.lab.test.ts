import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { getPods } from "./get-pods";

describe("kubernetes.get-pods (lab)", () => {
  it("lists normalization-service's pods as ready", async () => {
    const result = await runCheck(getPods, labContext(), { selector: "app=normalization-service" });
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^\d+\/\d+ pods ready/);
    expect(result.data?.pods[0]?.name).toMatch(/^normalization-service-/);
  });

  it("is an error naming the kind when the kubeconfig points nowhere", async () => {
    const result = await runCheck(getPods, labContext({ overrides: { KUBECONFIG: "/nonexistent/kubeconfig" } }), {});
    expect(result.verdict).toBe("error");
    expect(result.summary).toMatch(/kubeconfig|not_configured|bad response|unreachable/i);
  });

  it("refuses parameters that are not a label selector", async () => {
    const result = await runCheck(getPods, labContext(), { selector: "app=$(rm -rf /)" });
    expect(result).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: selector/) });
  });
});
