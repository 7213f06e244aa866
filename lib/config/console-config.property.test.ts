import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseConsoleConfig } from "./console-config";

/**
 * console.config.yaml is written by hand, under pressure. Whatever it holds, the loader
 * answers a config or a list of problems that each name the file and a line — it never
 * throws (start-up would then die with a stack trace instead of the fix). Fixed seed.
 */
const SEED = 20261203;
const NAMES = ["services", "escalation", "ackDeadline", "notifications", "webhookUrl", "contacts", "systems", "thresholds", "name", "namespace", "selector", "kafka", "brokers", "SEV1", "url", "passwordEnv"];

/** YAML documents shaped like the real file, with values of every kind in every place. */
const yamlDocument = fc
  .letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), fc.constantFrom("5m", "soon", "${UNSET_VAR}", "${HOME}", "http://x", "not-a-url", "app=a", "&anchor", "*alias", "!!binary x"), tie("object"), fc.array(tie("value"), { maxLength: 3 })),
    object: fc.dictionary(fc.constantFrom(...NAMES), tie("value"), { maxKeys: 4 }),
  }))
  .object.map((document) => stringify(document));

/** Text that is not quite YAML: tabs, unclosed brackets, duplicate keys, anchors, control characters. */
const brokenText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom("services:", "  - name: a", "\t- bad", "escalation: {", "a: 1", "a: 2", "x: &a [*a]", "- [", "key: \u0000", "? complex", "---", "...", "%YAML 9.9"), { maxLength: 8 }).map((lines) => lines.join("\n")),
);

/** What is wrong with the loader's answer for a person fixing the file: nothing, ideally. */
function unhelpfulAnswer(text: string): string[] {
  const result = parseConsoleConfig(text, "console.config.yaml", {});
  if (result.ok) return [];
  if (result.errors.length === 0) return ["refused without a problem listed"];
  return result.errors.filter((error) => !/^console\.config\.yaml:(\d+|\?): \S/.test(error));
}

describe("the catalog and config loader", () => {
  it("any YAML document shaped like the config gives a config or problems with their lines", () => {
    fc.assert(fc.property(yamlDocument, (text) => {
      expect(unhelpfulAnswer(text)).toEqual([]);
    }), { seed: SEED, numRuns: 500 });
  }, 60_000);

  it("any text, broken YAML included, gives a config or problems with their lines", () => {
    fc.assert(fc.property(brokenText, (text) => {
      expect(unhelpfulAnswer(text)).toEqual([]);
    }), { seed: SEED, numRuns: 1_000 });
  }, 60_000);
});
