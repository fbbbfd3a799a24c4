import { describe, expect, it } from "vitest";
import { errorForLog } from "./logger.ts";

describe("errorForLog", () => {
  it("keeps the class, code and frames but never the message", () => {
    const err = Object.assign(new Error("duplicate key: anna.mustermann@example.org"), { code: "23505" });
    const logged = errorForLog(err);
    expect(logged.type).toBe("Error");
    expect(logged.code).toBe("23505");
    expect(logged.frames).toMatch(/^\s*at /);
    expect(JSON.stringify(logged)).not.toContain("mustermann");
  });
});
