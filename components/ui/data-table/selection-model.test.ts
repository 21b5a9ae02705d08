import { describe, expect, it } from "vitest";
import {
  emptySelection,
  fromRowSelection,
  selectAllMatching,
  selectionInput,
  summarizeSelection,
  visibleRowSelection,
  type SelectionState,
} from "./selection-model";

const page = ["a", "b", "c"];
const some: SelectionState = { ids: { a: true }, allMatching: false };
const wholePage: SelectionState = { ids: { a: true, b: true, c: true }, allMatching: false };

describe("summarizeSelection", () => {
  it.each([
    ["nothing", emptySelection, 10, { count: 0, allOnPage: false, someOnPage: false, canSelectAllMatching: false }],
    ["one row", some, 10, { count: 1, allOnPage: false, someOnPage: true, canSelectAllMatching: false }],
    ["the whole page, more matching", wholePage, 10, { count: 3, allOnPage: true, someOnPage: false, canSelectAllMatching: true }],
    ["the whole page, nothing more matching", wholePage, 3, { count: 3, allOnPage: true, someOnPage: false, canSelectAllMatching: false }],
    ["all matching", selectAllMatching(wholePage, page), 10, { count: 10, allOnPage: true, someOnPage: false, canSelectAllMatching: false }],
  ])("%s", (_name, state, total, expected) => {
    expect(summarizeSelection(state, page, total)).toEqual(expected);
  });

  it("counts rows ticked on other pages, which the action still acts on", () => {
    expect(summarizeSelection({ ids: { x: true, y: true }, allMatching: false }, page, 10)).toMatchObject({ count: 2, allOnPage: false, someOnPage: false });
  });

  it("an empty page is never all selected", () => {
    expect(summarizeSelection(emptySelection, [], 0).allOnPage).toBe(false);
  });
});

describe("all matching", () => {
  it("shows every row on the page ticked and sends the filter, not ids", () => {
    const state = selectAllMatching(some, page);
    expect(visibleRowSelection(state, page)).toEqual({ a: true, b: true, c: true });
    expect(visibleRowSelection(state, ["d"])).toEqual({ d: true });
    expect(selectionInput(state, { q: "ada" })).toEqual({ filter: { q: "ada" } });
  });

  it("ends as soon as the admin unticks a row: the rest of the page stays ticked, and ids are sent", () => {
    const all = selectAllMatching(wholePage, page);
    const { b: _b, ...untickedB } = visibleRowSelection(all, page);
    const next = fromRowSelection(untickedB);
    expect(next.allMatching).toBe(false);
    expect(selectionInput(next, { q: "ada" })).toEqual({ ids: ["a", "c"] });
    expect(summarizeSelection(next, page, 10).count).toBe(2);
  });
});

describe("fromRowSelection", () => {
  it("keeps only rows that are on", () => {
    expect(fromRowSelection({ a: true, b: false })).toEqual({ ids: { a: true }, allMatching: false });
  });
});

describe("selectionInput", () => {
  it("sends the ticked ids", () => {
    expect(selectionInput(wholePage, {})).toEqual({ ids: ["a", "b", "c"] });
    expect(selectionInput(emptySelection, {})).toEqual({ ids: [] });
  });
});
