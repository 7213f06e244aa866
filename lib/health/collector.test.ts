import { afterEach, describe, expect, it, vi } from "vitest";
import { HealthCollector, type PanelDefinition } from "./collector";
import type { ProbeSharing } from "./probe-sharing";

const collectors: HealthCollector[] = [];
afterEach(() => {
  collectors.splice(0).forEach((collector) => collector.stop());
  vi.useRealTimers();
});

function collector(definitions: PanelDefinition[], deadlineMs = 200) {
  const created = new HealthCollector(definitions, { deadlineMs, cadenceMs: 50, freshnessMs: 1_000, historyMs: 60_000 });
  collectors.push(created);
  return created;
}

describe("HealthCollector", () => {
  it("probes each panel once however many viewers ask at the same time", async () => {
    let calls = 0;
    const shared = collector([{ kind: "service", name: "a", probe: async () => (calls++, { status: "ok", reasons: [], figures: { rate: 2 } }) }]);
    const snapshots = await Promise.all(Array.from({ length: 50 }, () => shared.snapshot()));
    expect(calls).toBe(1);
    expect(snapshots.every((snapshot) => snapshot.services[0]!.status === "ok")).toBe(true);
  });

  it("turns a hung backend's panel unknown at the deadline (plus 250 ms grace), not before, and leaves the others alone", async () => {
    vi.useFakeTimers();
    let answered = false;
    const pending = collector([
      { kind: "system", name: "hung", probe: () => new Promise(() => {}) },
      { kind: "system", name: "fine", probe: async () => ({ status: "ok", reasons: [], figures: {} }) },
    ])
      .snapshot()
      .finally(() => (answered = true));
    await vi.advanceTimersByTimeAsync(200 + 249);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(true);
    const snapshot = await pending;
    expect(snapshot.systems.map((panel) => [panel.name, panel.status])).toEqual([["hung", "unknown"], ["fine", "ok"]]);
    expect(snapshot.systems[0]!.reasons[0]).toMatch(/^timeout: no answer within 200 ms/);
  });

  it("says what failed when a probe throws instead of crashing", async () => {
    const snapshot = await collector([{ kind: "system", name: "bad", probe: async () => Promise.reject(new Error("boom")) }]).snapshot();
    expect(snapshot.systems[0]).toMatchObject({ status: "unknown", reasons: ["probe failed: boom"] });
  });

  it("keeps refreshing while watched and records the figures' history", async () => {
    let value = 0;
    vi.useFakeTimers();
    const watched = collector([{ kind: "service", name: "a", probe: async () => ({ status: "ok", reasons: [], figures: { rate: ++value } }) }]);
    await watched.snapshot();
    // Six cadences of 50 ms pass: one probe each.
    await vi.advanceTimersByTimeAsync(300);
    const later = await watched.snapshot();
    expect(value).toBe(7);
    expect(later.services[0]!.history.rate!.length).toBeGreaterThan(2);
    expect(later.services[0]!.figures.rate).toBe(later.services[0]!.history.rate!.at(-1)![1]);
  });
});

describe("HealthCollector sharing probes with other console processes", () => {
  it("with the database not answering, probes on its own once per cadence (not once per sweep) and asks the database again after 5 s", async () => {
    vi.useFakeTimers();
    let probes = 0;
    let claims = 0;
    const sharing: ProbeSharing = {
      holder: "this",
      claim: async () => (claims++, Promise.reject(new Error("connect ECONNREFUSED"))),
      read: async () => Promise.reject(new Error("connect ECONNREFUSED")),
      publish: async () => false,
      close: async () => {},
    };
    const alone = new HealthCollector([{ kind: "service", name: "a", probe: async () => (probes++, { status: "ok", reasons: [], figures: {} }) }], {
      deadlineMs: 200,
      cadenceMs: 1_000,
      freshnessMs: 3_000,
      historyMs: 60_000,
      sharing,
    });
    collectors.push(alone);
    expect((await alone.snapshot()).services[0]!.status).toBe("ok");
    expect([probes, claims]).toEqual([1, 1]);
    // Sweeps every 500 ms; 4.5 s later: four more probes (one per cadence), the database not asked meanwhile.
    await vi.advanceTimersByTimeAsync(4_500);
    expect([probes, claims]).toEqual([5, 1]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(claims).toBe(2);
    expect(probes).toBe(6);
  });
});
