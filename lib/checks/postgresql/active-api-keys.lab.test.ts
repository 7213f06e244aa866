import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { activeApiKeysCheck } from "./active-api-keys";

describe("postgresql.active-api-keys (lab)", () => {
  it("lists the active keys and their owners, warns about the one past its expiry, and never shows a hash", async () => {
    const result = await runCheck(activeApiKeysCheck, labContext(), {});
    // The lab seeds old-dashboard's key as active but expired two days ago.
    expect(result).toMatchObject({ verdict: "warn", summary: expect.stringMatching(/^\d+ active API keys, 1 of them expired \(old-dashboard\)$/) });
    const owners = result.data!.keys.map((key) => key.owner);
    expect(owners).toEqual(expect.arrayContaining(["normalization-service", "enrichment-service", "incident-console", "trading-desk-a", "risk-desk-b"]));
    expect(owners).not.toContain("legacy-importer");
    expect(result.data!.omittedColumns).toEqual(["key_hash"]);
    expect(Object.keys(result.data!.keys[0]!)).not.toContain("key_hash");
    expect(JSON.stringify(result)).not.toMatch(/[0-9a-f]{64}/);
  });
});
