// The audit log names what an entry is about in the reader's language (decision 117), and
// shows the code only for a type without a label.
import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { actionLabel, entityLabel } from "./audit-entries.ts";

const all = catalogs();
const de = createTranslator("de", all.get("de") ?? {});
const ar = createTranslator("ar", all.get("ar") ?? {}, all.get("de"));

describe("audit entries in words", () => {
  it("names entity types by the catalog, in the reader's language", () => {
    expect(entityLabel(de, "funding_application")).toBe("Förderantrag");
    expect(entityLabel(de, "case")).toBe("Betreuung");
    expect(entityLabel(ar, "person")).toBe("شخص");
    expect(entityLabel(de, "no_such_type")).toBeNull();
    expect(actionLabel(de, "casework.create")).toBe(de("audit.action_create"));
  });
});
