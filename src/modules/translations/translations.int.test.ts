import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "#app/server/db/ids.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { fallbackChain } from "./languages.ts";

let ctx: TestContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({ slug: "tr-t", name: "Übersetzungen", kind: "municipality" })
  ).id;
});
afterAll(() => ctx.close());

const entity = (entityId = uuidv7()) => ({ tenantId, entityType: "offer", entityId });

describe("translated content", () => {
  it("a changed German source marks every translation outdated; an unchanged one changes nothing", async () => {
    const tr = ctx.services.translations;
    const e = entity();
    await tr.setSource(e, "title", "Sprachcafé");
    await tr.setTranslation(e, "title", "en", "Language café", "reviewed");
    await tr.setTranslation(e, "title", "ar", "مقهى اللغة", "machine");
    const same = await tr.setSource(e, "title", "Sprachcafé");
    expect(same).toMatchObject({ changed: false, outdated: 0 });

    const changed = await tr.setSource(e, "title", "Sprachcafé für Frauen");
    expect(changed).toMatchObject({ changed: true, outdated: 2 });
    const m = (await tr.matrix(tenantId, "offer", [e.entityId])).get(e.entityId)!;
    expect(m.title!.en!.status).toBe("outdated");
    expect(m.title!.ar!.status).toBe("outdated");
    expect(m.title!.de!.status).toBe("reviewed");
    expect(m.title!.tr!.status).toBe("missing");

    // A new translation made from the current source is current again.
    await tr.setTranslation(e, "title", "en", "Language café for women", "draft");
    const m2 = (await tr.matrix(tenantId, "offer", [e.entityId])).get(e.entityId)!;
    expect(m2.title!.en!.status).toBe("draft");
  });

  it("refuses a translation without a German source, German through setTranslation, and unknown languages", async () => {
    const tr = ctx.services.translations;
    const e = entity();
    await expect(tr.setTranslation(e, "title", "en", "x", "draft")).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "text", code: "source_missing" }],
    });
    await tr.setSource(e, "title", "Titel");
    await expect(tr.setTranslation(e, "title", "de", "x", "draft")).rejects.toMatchObject({
      fields: [{ field: "lang" }],
    });
    await expect(tr.setTranslation(e, "title", "xx", "x", "draft")).rejects.toMatchObject({
      fields: [{ field: "lang" }],
    });
    await expect(tr.setSource(e, "title", "x".repeat(20_001))).rejects.toMatchObject({
      fields: [{ field: "text", code: "too_long" }],
    });
  });

  it("optimistic locking: a stale version is refused and nothing is overwritten", async () => {
    const tr = ctx.services.translations;
    const e = entity();
    await tr.setSource(e, "title", "Beratung");
    const first = await tr.setTranslation(e, "title", "tr", "Danışmanlık", "draft", { expectedVersion: 0 });
    await expect(
      tr.setTranslation(e, "title", "tr", "Danışma", "draft", { expectedVersion: 0 }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    await tr.setTranslation(e, "title", "tr", "Danışmanlık hizmeti", "reviewed", {
      expectedVersion: first.version,
    });
    await expect(
      tr.setTranslation(e, "title", "tr", "Eski", "draft", { expectedVersion: first.version }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const r = await tr.resolve(tenantId, "offer", [e.entityId], "tr");
    expect(r.get(e.entityId)!.title!.text).toBe("Danışmanlık hizmeti");
  });

  it("resolves many entities in one call along the fallback chain", async () => {
    const tr = ctx.services.translations;
    const [a, b, c] = [entity(), entity(), entity()];
    await tr.setSource(a, "title", "Hausaufgabenhilfe");
    await tr.setTranslation(a, "title", "uk", "Допомога з домашніми завданнями", "reviewed");
    await tr.setTranslation(a, "title", "ru", "Помощь с домашними заданиями", "reviewed");
    await tr.setSource(b, "title", "Nähcafé");
    await tr.setTranslation(b, "title", "ru", "Швейное кафе", "reviewed");
    await tr.setSource(c, "title", "Elterncafé");
    await tr.setTranslation(c, "title", "uk", "Кафе для батьків", "draft");
    await tr.setSource(c, "title", "Elterncafé am Markt"); // uk becomes outdated

    const ids = [a.entityId, b.entityId, c.entityId];
    const uk = await tr.resolve(tenantId, "offer", ids, "uk");
    expect(uk.get(a.entityId)!.title).toEqual({
      text: "Допомога з домашніми завданнями",
      lang: "uk",
      status: "reviewed",
      isFallback: false,
    });
    // Default chain: Ukrainian readers get German, not Russian.
    expect(uk.get(b.entityId)!.title).toMatchObject({ text: "Nähcafé", lang: "de", isFallback: true });
    // An outdated translation is returned, flagged …
    expect(uk.get(c.entityId)!.title).toMatchObject({ lang: "uk", status: "outdated", isFallback: false });
    // … unless the caller prefers the current German.
    const strict = await tr.resolve(tenantId, "offer", ids, "uk", { skipOutdated: true });
    expect(strict.get(c.entityId)!.title).toMatchObject({ text: "Elterncafé am Markt", isFallback: true });
    // A configured chain uk → ru is honoured.
    const viaRu = await tr.resolve(tenantId, "offer", ids, "uk", { fallbacks: { uk: ["ru"] } });
    expect(viaRu.get(b.entityId)!.title).toMatchObject({
      text: "Швейное кафе",
      lang: "ru",
      isFallback: true,
    });
    // Unknown ids and entities without texts come back empty, not as errors.
    const none = await tr.resolve(tenantId, "offer", [uuidv7(), "not-a-uuid"], "fa");
    expect([...none.values()]).toEqual([{}]);
  });

  it("builds fallback chains without repeats, ending in German", () => {
    expect(fallbackChain("fa")).toEqual(["fa", "de"]);
    expect(fallbackChain("de")).toEqual(["de"]);
    expect(fallbackChain("de-simple")).toEqual(["de-simple", "de"]);
    expect(fallbackChain("uk", { uk: ["ru", "de"] })).toEqual(["uk", "ru", "de"]);
  });

  it("counts missing and outdated translations per entity type", async () => {
    const other = (await ctx.services.tenants.create({ slug: "tr-o", name: "O", kind: "municipality" })).id;
    const tr = ctx.services.translations;
    const mk = (entityType: string) => ({ tenantId: other, entityType, entityId: uuidv7() });
    const p1 = mk("place");
    const p2 = mk("place");
    const o1 = mk("offer");
    await tr.setSource(p1, "name", "Rathaus");
    await tr.setSource(p1, "hint", "Eingang Rückseite");
    await tr.setSource(p2, "name", "Bürgerzentrum");
    await tr.setSource(o1, "title", "Deutschkurs");
    await tr.setTranslation(p1, "name", "en", "Town hall", "reviewed");
    await tr.setTranslation(p2, "name", "en", "Community centre", "reviewed");
    await tr.setTranslation(o1, "title", "en", "German course", "machine");
    await tr.setSource(p2, "name", "Bürgerzentrum Gahmen");
    expect(await tr.overview(other, "en")).toEqual([
      { entityType: "offer", total: 1, missing: 0, outdated: 0 },
      { entityType: "place", total: 3, missing: 1, outdated: 1 },
    ]);
    expect(await tr.overview(other, "fa")).toEqual([
      { entityType: "offer", total: 1, missing: 1, outdated: 0 },
      { entityType: "place", total: 3, missing: 3, outdated: 0 },
    ]);
  });
});
