import { describe, expect, it } from "vitest";
import { FigureHistory } from "./history";

describe("FigureHistory", () => {
  it("keeps numeric figures within the window and skips nulls and texts", () => {
    const history = new FigureHistory(10_000);
    history.record(0, { rate: 1, version: "18.16", lag: null });
    history.record(5_000, { rate: 2 });
    history.record(12_000, { rate: 3, lag: 7 });
    expect(history.toJSON()).toEqual({ rate: [[5_000, 2], [12_000, 3]], lag: [[12_000, 7]] });
  });

  it("caps the number of points so memory stays flat", () => {
    const history = new FigureHistory(Number.POSITIVE_INFINITY, 3);
    for (let t = 0; t < 10; t++) history.record(t, { rate: t });
    expect(history.toJSON().rate).toEqual([[7, 7], [8, 8], [9, 9]]);
  });

  it("forgets a figure that stopped being reported once it leaves the window", () => {
    const history = new FigureHistory(1_000);
    history.record(0, { gone: 1 });
    history.record(2_000, { other: 1 });
    expect(Object.keys(history.toJSON())).toEqual(["other"]);
  });
});
