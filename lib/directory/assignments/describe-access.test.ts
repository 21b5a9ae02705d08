import { describe, expect, it } from "vitest";
import { describeAccess } from "./describe-access";

describe("describeAccess", () => {
  it.each([
    [{ direct: true, groups: [] }, "Directly"],
    [{ direct: false, groups: ["Engineering"] }, "Via Engineering"],
    [{ direct: true, groups: ["Engineering", "Sales"] }, "Directly · via Engineering, Sales"],
    [{ direct: false, groups: ["Engineering", "Sales", "Support", "Ops"] }, "Via Engineering, Sales +2"],
    [{ direct: true, groups: ["A", "B", "C"] }, "Directly · via A, B +1"],
    [{ direct: false, groups: [] }, "No access"],
  ])("%j → %s", (sources, expected) => {
    expect(describeAccess(sources)).toBe(expected);
  });
});
