import { describe, expect, it } from "vitest";
import type { ProcedureInput } from "./definition";
import { PROCEDURE_FILES } from "./procedures";

/**
 * The generated boilerplate the first definitions carried ("Processing latency: something to
 * look at; read the summary and the data."): it tells a responder nothing the verdict's
 * colour did not. Each meaning says what that verdict of that check found, and what to do next.
 */
const GENERIC = /something to look at; read the summary|broken; this is likely part of the cause|nothing out of the ordinary/i;

/** "file: step verdict: text" for every check step's meaning that is boilerplate. */
function genericMeanings(files: { file: string; definition: ProcedureInput }[]): string[] {
  return files.flatMap(({ file, definition }) =>
    definition.steps.flatMap((step) =>
      step.kind === "check"
        ? Object.entries(step.meaning)
            .filter(([, text]) => typeof text === "string" && GENERIC.test(text))
            .map(([verdict, text]) => `${file}: ${step.id} ${verdict}: ${text}`)
        : [],
    ),
  );
}

describe("what each verdict of a check step means", () => {
  it("is written for that check in that procedure, never generated boilerplate", () => {
    expect(genericMeanings(PROCEDURE_FILES)).toEqual([]);
  });

  it("names the file, step and verdict of a boilerplate meaning", () => {
    const definition: ProcedureInput = {
      id: "example",
      version: 1,
      kind: "procedure",
      section: "Kafka Issues",
      title: "Example",
      level: "L1",
      start: "lag",
      steps: [
        {
          id: "lag",
          title: "Check lag",
          kind: "check",
          check: "kafka.consumer-group-describe",
          params: {},
          command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh --describe",
          meaning: { ok: "Consumer group lag: nothing out of the ordinary.", warn: "Lag is 1,000 or more: restart the consumer.", fail: "Consumer group lag: broken; this is likely part of the cause." },
        },
      ],
    };
    expect(genericMeanings([{ file: "lib/diagnosis/procedures/example.ts", definition }])).toEqual([
      "lib/diagnosis/procedures/example.ts: lag ok: Consumer group lag: nothing out of the ordinary.",
      "lib/diagnosis/procedures/example.ts: lag fail: Consumer group lag: broken; this is likely part of the cause.",
    ]);
  });

  it("says which backend did not answer when a check step ends in error", () => {
    const silent = PROCEDURE_FILES.flatMap(({ file, definition }) =>
      definition.steps.flatMap((step) => (step.kind === "check" && !step.meaning.error ? [`${file}: ${step.id}`] : [])),
    );
    expect(silent).toEqual([]);
  });
});
