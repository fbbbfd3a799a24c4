import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_LANGUAGES } from "#app/modules/translations/languages.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import {
  DEMO_EVENTS,
  DEMO_OFFERS,
  DEMO_ORGANIZATIONS,
  DEMO_PARTNER_ORGANIZATION,
  DEMO_PLACES,
  DEMO_POSTCODES,
} from "./directory-content.ts";
import { DEMO_USERS, seedDemo } from "./seed.ts";

let ctx: DemoContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
afterAll(() => ctx.close());

describe("demo directory content (seed 001)", () => {
  it("places every place inside one of Unna's social areas, marked approximate", async () => {
    for (const p of DEMO_PLACES) {
      const hit = await ctx.services.areas.locate(tenantId, p.lon, p.lat);
      expect(hit?.area.level, p.key).toBe("social_area");
    }
    const fc = await ctx.services.interchange.placesGeoJson(tenantId, "de");
    expect(fc.features).toHaveLength(DEMO_PLACES.length);
    expect(fc.features.every((f) => f.properties.coordinatesApproximate)).toBe(true);
  });

  it("has the published hours of seed 001", () => {
    const chili = DEMO_OFFERS.find((o) => o.key === "cafe-chili")!;
    expect(Object.keys(chili.openingHours!.weekly)).toEqual(["1", "2", "3", "4"]);
    expect(chili.openingHours!.weekly["1"]).toEqual([{ opens: "16:00", closes: "19:00" }]);
    const women = DEMO_OFFERS.find((o) => o.key === "frauenintegrationskurs")!;
    expect(Object.keys(women.openingHours!.weekly)).toEqual(["1", "2", "3", "4", "5"]);
    expect(women.openingHours!.weekly["5"]).toEqual([{ opens: "08:45", closes: "13:00" }]);
    expect(women.childcare).toBe(true);
    const evening = DEMO_OFFERS.find((o) => o.key === "sprachkurs-nachmittag")!;
    expect(evening.openingHours!.weekly).toEqual({
      "1": [{ opens: "15:45", closes: "18:00" }],
      "3": [{ opens: "15:45", closes: "18:00" }],
    });
    expect(DEMO_OFFERS.find((o) => o.key === "cafe-knirps")!.places).toHaveLength(4);
  });

  it("translates every title and summary into every content language", async () => {
    const ids = [...DEMO_OFFERS.map((o) => o.id)];
    for (const lang of CONTENT_LANGUAGES) {
      const texts = await ctx.services.translations.resolve(tenantId, "offer", ids, lang);
      for (const o of DEMO_OFFERS) {
        const t = texts.get(o.id)!;
        expect(t.title?.lang, `${o.key} title ${lang}`).toBe(lang);
        expect(t.summary?.lang, `${o.key} summary ${lang}`).toBe(lang);
        expect(t.title?.text).toBe(o.title[lang]);
      }
    }
    const events = await ctx.services.translations.resolve(tenantId, "event", [DEMO_EVENTS[0]!.id], "uk");
    expect(events.get(DEMO_EVENTS[0]!.id)?.title?.text).toBe("Міжкультурні тижні");
  });

  it("stores Unna's postcode centroids, marked approximate", async () => {
    const rows = await ctx.services.interchange.postcodes(tenantId);
    expect(rows.map((r) => r.postcode)).toEqual(DEMO_POSTCODES.map((p) => p.postcode));
    expect(rows.every((r) => r.approximate)).toBe(true);
  });

  it("scopes the demo partner to one organization", async () => {
    const partner = DEMO_USERS.find((u) => u.role === "partner_staff")!;
    const row = await ctx.services.users.credentials.byEmail(tenantId, partner.email);
    const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
    const org = DEMO_ORGANIZATIONS.find((o) => o.key === DEMO_PARTNER_ORGANIZATION)!;
    expect(grants).toEqual([{ role: "partner_staff", scopeType: "organization", scopeId: org.id }]);
    // The provider of "Sprachkurs mit Kinderbetreuung" is that organization.
    expect(DEMO_OFFERS.find((o) => o.key === "frauenintegrationskurs")!.organization).toBe(org.key);
  });

  it("is idempotent: a second run creates nothing", async () => {
    const again = await seedDemo(ctx.services);
    expect(again.directory).toEqual({
      created: 0,
      unchanged: DEMO_ORGANIZATIONS.length + DEMO_PLACES.length + DEMO_OFFERS.length + DEMO_EVENTS.length,
    });
  });
});
