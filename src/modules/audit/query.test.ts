import { describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import { nextDay, parseAuditQuery, startOfDay } from "./query.ts";

describe("audit query", () => {
  it("reads calendar days in Europe/Berlin, winter and summer time", () => {
    expect(startOfDay("2026-03-02").toISOString()).toBe("2026-03-01T23:00:00.000Z");
    expect(startOfDay("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });

  it("makes the end day inclusive and drops empty filters", () => {
    const { filter, query } = parseAuditQuery({
      from: "2026-03-02",
      to: "2026-03-02",
      action: "",
      actor: " ",
    });
    expect(filter.from?.toISOString()).toBe("2026-03-01T23:00:00.000Z");
    expect(filter.to?.toISOString()).toBe("2026-03-02T23:00:00.000Z");
    expect(filter.action).toBeUndefined();
    expect(filter.actorUserId).toBeUndefined();
    expect(query).toMatchObject({ limit: 50, offset: 0 });
  });

  it("answers bad input with field codes, never a crash", () => {
    const fieldsOf = (input: unknown) => {
      try {
        parseAuditQuery(input);
        return [];
      } catch (e) {
        if (!isAppError(e)) throw e;
        return e.fields.map((f) => `${f.field}:${f.code}`);
      }
    };
    expect(fieldsOf({ from: "2026-02-30" })).toEqual(["from:invalid_date"]);
    expect(fieldsOf({ from: "yesterday" })).toEqual(["from:invalid_date"]);
    expect(fieldsOf({ from: "2026-03-05", to: "2026-03-01" })).toEqual(["to:date_range"]);
    expect(fieldsOf({ actor: "not-a-uuid" })).toEqual(["actor:invalid_format"]);
    expect(fieldsOf({ action: "x".repeat(61) })).toEqual(["action:too_long"]);
    expect(fieldsOf({ limit: "5000" })).toEqual(["limit:too_big"]);
    expect(fieldsOf({ offset: "-1" })).toEqual(["offset:too_small"]);
  });
});
