import { describe, expect, it } from "vitest";
import { printable, summarizePod } from "./pods";

describe("summarizePod", () => {
  it("reads CrashLoopBackOff and the last termination, and makes binary names printable", () => {
    const summary = summarizePod({
      metadata: { name: "normalization-service-7d9\u0000x" },
      spec: { containers: [{ name: "app" }], nodeName: "pipeline-node-1" },
      status: {
        phase: "Running",
        containerStatuses: [
          { name: "app", image: "x", imageID: "", ready: false, restartCount: 14, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } } },
        ],
      },
    });
    expect(summary).toMatchObject({ ready: { ready: 0, total: 1 }, restarts: 14, waitingReason: "CrashLoopBackOff", lastTermination: { reason: "OOMKilled", exitCode: 137 } });
    expect(summary.name).toBe("normalization-service-7d9\uFFFDx");
    expect(printable("ok-name")).toBe("ok-name");
  });
});
