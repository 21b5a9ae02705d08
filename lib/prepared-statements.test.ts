import { describe, expect, it } from "vitest";
import { statementNamer } from "./prepared-statements";

const query = (sql: string, parameters = 1) => ({ sql, args: Array.from({ length: parameters }, () => "x") });

describe("statementNamer", () => {
  it("gives one text one name, and another text another", () => {
    const name = statementNamer();
    const first = name(query("SELECT 1 WHERE $1"));
    expect(first).toMatch(/^roster_\d+$/);
    expect(name(query("SELECT 1 WHERE $1"))).toBe(first);
    expect(name(query("SELECT 2 WHERE $1"))).not.toBe(first);
    expect(name.size).toBe(2);
  });

  it("leaves texts with many parameters unnamed: lists of ids and bulk inserts change with their length", () => {
    const name = statementNamer({ maxParameters: 3 });
    expect(name(query("SELECT 1 WHERE id IN ($1,$2,$3)", 3))).not.toBe("");
    expect(name(query("SELECT 1 WHERE id IN ($1,$2,$3,$4)", 4))).toBe("");
    expect(name.size).toBe(1);
  });

  it("names no more than maxNames texts, and keeps the names it gave", () => {
    const name = statementNamer({ maxNames: 2 });
    const a = name(query("A"));
    const b = name(query("B"));
    expect(name(query("C"))).toBe("");
    expect([name(query("A")), name(query("B"))]).toEqual([a, b]);
    expect(name.size).toBe(2);
  });
});
