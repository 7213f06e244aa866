import { describe, expect, it } from "vitest";
import { checksumOf, compareMigrations } from "./migrations";

const file = (name: string, sql = `-- ${name}`) => ({ name, sql, checksum: checksumOf(sql) });

describe("compareMigrations", () => {
  it("sorts migrations into applied, pending, modified and failed", () => {
    const files = [file("1_a"), file("2_b"), file("3_c"), file("4_d")];
    const status = compareMigrations(files, [
      { name: "1_a", checksum: checksumOf("-- 1_a"), finishedAt: new Date() },
      { name: "2_b", checksum: "edited", finishedAt: new Date() },
      { name: "3_c", checksum: checksumOf("-- 3_c"), finishedAt: null },
    ]);
    expect(status).toEqual({ applied: ["1_a", "2_b"], pending: ["4_d"], modified: ["2_b"], failed: ["3_c"] });
  });

  it("computes Prisma's checksum: SHA-256 hex of the file", () => {
    expect(checksumOf("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
