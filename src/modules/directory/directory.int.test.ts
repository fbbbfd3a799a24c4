import { crc32, deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNNA_AREAS } from "#app/modules/demo/unna-areas.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { OfferInput } from "./validate.ts";

let ctx: TestContext;
let tenantId: string;
let coordinator: Principal;
let admin: Principal;
let partnerA: Principal;
let orgA: string;
let orgB: string;
let placeA: string;
let categoryId: string;

const principal = (
  grants: Principal["grants"],
  userId = "00000000-0000-7000-8000-000000000001",
): Principal => ({
  userId,
  tenantId,
  sessionId: "s",
  grants,
  mfaSatisfied: true,
});

const offer = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  title: "Sprachkurs mit Kinderbetreuung",
  summary: "Deutsch lernen, während die Kinder betreut werden.",
  description: "<p>Kurs für Frauen.</p>",
  openingHours: { weekly: { "1": [{ opens: "08:45", closes: "13:00" }] } },
  childcare: true,
  termIds: [categoryId],
  placeIds: [placeA],
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  const tenant = await ctx.services.tenants.create({
    slug: "unna-dir",
    name: "Kreisstadt Unna",
    kind: "municipality",
    frameworkTemplate: "unna",
  });
  tenantId = tenant.id;
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(UNNA_AREAS));
  const axes = await ctx.services.framework.list(tenantId, "de");
  categoryId = axes.find((a) => a.kind === "offer_category")!.terms[0]!.id;
  const system = { kind: "system", tenantId } as const;
  orgA = (await ctx.services.directory.publishDirect(system, "organization", { name: "Träger A" })).entityId;
  orgB = (await ctx.services.directory.publishDirect(system, "organization", { name: "Träger B" })).entityId;
  placeA = (
    await ctx.services.directory.publishDirect(system, "place", {
      organizationId: orgA,
      name: "Haus A",
      street: "Bahnhofstraße 1",
      postcode: "59423",
      city: "Unna",
      lon: 7.69,
      lat: 51.537,
      languages: ["de", "ar"],
    })
  ).entityId;
  coordinator = principal([{ role: "coordinator", scopeType: "tenant", scopeId: null }]);
  admin = principal(
    [{ role: "admin", scopeType: "tenant", scopeId: null }],
    "00000000-0000-7000-8000-000000000009",
  );
  const partnerUser = await ctx.services.users.create(system, {
    email: "partner-a@example.org",
    displayName: "Partner A",
    preferredLanguage: "tr",
    grants: [{ role: "partner_staff", scopeType: "organization", scopeId: orgA }],
  });
  partnerA = principal([{ role: "partner_staff", scopeType: "organization", scopeId: orgA }], partnerUser.id);
});
afterAll(() => ctx.close());

describe("directory review flow", () => {
  it("a partner's draft goes to review, the coordinator publishes it, and the history keeps every version", async () => {
    const dir = ctx.services.directory;
    const created = await dir.save(partnerA, "offer", null, offer(orgA), { version: 0 });
    expect(created.revision.status).toBe("draft");
    const entry = await dir.get(partnerA, "offer", created.entityId);
    expect(entry.status).toBe("draft");

    const submitted = await dir.submit(partnerA, created.revision.id, created.revision.version);
    expect(submitted.status).toBe("in_review");
    // Partners cannot publish.
    await expect(dir.publish(partnerA, submitted.id, submitted.version)).rejects.toMatchObject({
      code: "forbidden",
    });
    const queue = await dir.reviewQueue(coordinator);
    expect(queue.map((r) => r.id)).toContain(submitted.id);
    const published = await dir.publish(coordinator, submitted.id, submitted.version);
    expect(published.status).toBe("published");

    const live = await dir.get(partnerA, "offer", created.entityId);
    expect(live.status).toBe("published");
    expect((live.data as { placeIds: string[] }).placeIds).toEqual([placeA]);
    const tr = await dir.translationsOf(coordinator, "offer", created.entityId);
    expect(tr.cells.title?.de?.text).toBe("Sprachkurs mit Kinderbetreuung");

    // A change: new revision based on the published version; the public data stays until publishing.
    const edit = await dir.save(
      partnerA,
      "offer",
      created.entityId,
      offer(orgA, { openingHours: { weekly: { "1": [{ opens: "09:00", closes: "13:00" }] } } }),
      { version: live.version },
    );
    expect(edit.revision.number).toBe(2);
    const stillLive = await dir.get(partnerA, "offer", created.entityId);
    expect((stillLive.data as OfferInput).openingHours?.weekly["1"]?.[0]?.opens).toBe("08:45");
    const detail = await dir.revision(coordinator, edit.revision.id);
    expect(detail.changes.map((c) => c.field)).toEqual(["openingHours"]);

    const sub2 = await dir.submit(partnerA, edit.revision.id, edit.revision.version);
    const rejected = await dir.reject(coordinator, sub2.id, {
      version: sub2.version,
      note: "Bitte Uhrzeit prüfen",
    });
    expect(rejected.status).toBe("rejected");
    expect(rejected.reviewNote).toBe("Bitte Uhrzeit prüfen");
    const history = await dir.revisions(partnerA, "offer", created.entityId);
    expect(history.map((r) => [r.number, r.status])).toEqual([
      [2, "rejected"],
      [1, "published"],
    ]);
  });

  it("a German change marks translations outdated and the overview lists them", async () => {
    const dir = ctx.services.directory;
    const created = await dir.save(coordinator, "offer", null, offer(orgA, { title: "Café Chili" }), {
      version: 0,
      publishNow: true,
    });
    expect(created.published).toBe(true);
    await dir.setTranslation(coordinator, "offer", created.entityId, {
      field: "title",
      lang: "ar",
      text: "مقهى تشيلي",
      status: "reviewed",
      version: 0,
    });
    const entry = await dir.get(coordinator, "offer", created.entityId);
    await dir.save(coordinator, "offer", created.entityId, offer(orgA, { title: "Café Chili Unna" }), {
      version: entry.version,
      publishNow: true,
    });
    const overview = await dir.translationOverview(coordinator, "ar");
    const item = overview.items.find((i) => i.id === created.entityId);
    expect(item?.fields).toContainEqual({ field: "title", status: "outdated" });
    expect(overview.items.find((i) => i.id === created.entityId)?.fields).toContainEqual({
      field: "summary",
      status: "missing",
    });
  });
});

describe("partner scope", () => {
  it("a partner cannot edit another organization's offer (403) and lists only their own", async () => {
    const dir = ctx.services.directory;
    const other = await dir.publishDirect(
      { kind: "system", tenantId },
      "offer",
      offer(orgB, { title: "Angebot B", placeIds: [] }),
    );
    const entryB = await dir.get(coordinator, "offer", other.entityId);
    await expect(
      dir.save(partnerA, "offer", other.entityId, offer(orgB, { placeIds: [] }), { version: entryB.version }),
    ).rejects.toMatchObject({ code: "forbidden", status: 403 });
    // Nor move their own offer to another organization, nor read B's entry.
    await expect(dir.save(partnerA, "offer", null, offer(orgB), { version: 0 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(dir.get(partnerA, "offer", other.entityId)).rejects.toMatchObject({ code: "forbidden" });
    const list = await dir.list(partnerA, "offer");
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.organizationId === orgA)).toBe(true);
    const all = await dir.list(coordinator, "offer");
    expect(all.some((i) => i.organizationId === orgB)).toBe(true);
  });
});

describe("concurrent edits", () => {
  it("two people saving the same draft: the second gets a version conflict and nothing is overwritten", async () => {
    const dir = ctx.services.directory;
    const created = await dir.save(partnerA, "offer", null, offer(orgA, { title: "Entwurf" }), {
      version: 0,
    });
    const rev = created.revision;
    await dir.save(partnerA, "offer", created.entityId, offer(orgA, { title: "Erste Fassung" }), {
      revisionId: rev.id,
      version: rev.version,
    });
    await expect(
      dir.save(coordinator, "offer", created.entityId, offer(orgA, { title: "Zweite Fassung" }), {
        revisionId: rev.id,
        version: rev.version,
      }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const detail = await dir.revision(coordinator, rev.id);
    expect((detail.data as { title: string }).title).toBe("Erste Fassung");
    // Starting a second revision while one is open is a conflict too.
    const entry = await dir.get(coordinator, "offer", created.entityId);
    await expect(
      dir.save(coordinator, "offer", created.entityId, offer(orgA), { version: entry.version }),
    ).rejects.toMatchObject({ code: "version_conflict" });
  });
});

describe("bad input", () => {
  const fieldsOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return (e as { code: string; fields: { field: string; code: string }[] }).fields;
    }
    throw new Error("expected a validation error");
  };

  it("hours that end before they start, and overlapping slots, are field errors", async () => {
    const fields = await fieldsOf(
      ctx.services.directory.save(
        partnerA,
        "offer",
        null,
        offer(orgA, {
          openingHours: {
            weekly: {
              "1": [{ opens: "13:00", closes: "09:00" }],
              "2": [
                { opens: "09:00", closes: "12:00" },
                { opens: "11:00", closes: "14:00" },
              ],
            },
          },
        }),
        { version: 0 },
      ),
    );
    expect(fields.map((f) => f.code)).toContain("hours_end_before_start");
    expect(fields.map((f) => f.code)).toContain("hours_overlap");
    expect(fields.every((f) => f.field.startsWith("openingHours.weekly."))).toBe(true);
  });

  it("a place outside the tenant's areas is refused at its coordinates", async () => {
    const fields = await fieldsOf(
      ctx.services.directory.save(
        coordinator,
        "place",
        null,
        { name: "Berlin", lon: 13.4, lat: 52.52 },
        { version: 0 },
      ),
    );
    expect(fields).toEqual([
      { field: "lon", code: "place_outside_areas" },
      { field: "lat", code: "place_outside_areas" },
    ]);
  });

  it("an unknown category is refused, age and date ranges are checked", async () => {
    const fields = await fieldsOf(
      ctx.services.directory.save(
        partnerA,
        "offer",
        null,
        offer(orgA, { termIds: ["00000000-0000-7000-8000-00000000beef"] }),
        { version: 0 },
      ),
    );
    expect(fields).toEqual([{ field: "termIds.0", code: "unknown_term" }]);
    const ranges = await fieldsOf(
      ctx.services.directory.save(
        partnerA,
        "offer",
        null,
        offer(orgA, { ageMin: 10, ageMax: 3, validFrom: "2026-05-01", validTo: "2026-04-01" }),
        { version: 0 },
      ),
    );
    expect(ranges).toEqual([
      { field: "ageMax", code: "age_range" },
      { field: "validTo", code: "date_range" },
    ]);
  });

  it("script in a description is stored sanitised", async () => {
    const created = await ctx.services.directory.save(
      partnerA,
      "offer",
      null,
      offer(orgA, {
        description: '<p onclick="x()">Hallo<script>alert(1)</script></p><img src=x onerror=alert(1)>',
      }),
      { version: 0 },
    );
    const entry = await ctx.services.directory.get(partnerA, "offer", created.entityId);
    const html = (entry.openRevision?.data as OfferInput | undefined)?.description;
    expect(html).toBe("<p>Hallo</p>");
  });

  it("an upload that is not an image is a field error", async () => {
    await expect(
      ctx.services.directory.uploadImage(partnerA, new TextEncoder().encode("<svg onload=alert(1)>")),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "image", code: "image_not_an_image" }],
    });
  });
});

describe("last checked and reminders", () => {
  it("sends one reminder per entry per interval, to the organization's partner staff", async () => {
    const dir = ctx.services.directory;
    const mailsBefore = (await ctx.services.mail.list(admin, { limit: 500, offset: 0 })).total;
    ctx.clock.advance(181 * 86_400_000);
    const first = await dir.sendReminders(tenantId);
    expect(first.entries).toBeGreaterThan(0);
    const mails = await ctx.services.mail.list(admin, { limit: 500, offset: 0 });
    expect(mails.total).toBeGreaterThan(mailsBefore);
    expect(mails.items.some((m) => m.to === "partner-a@example.org")).toBe(true);
    // Idempotent: running again (a retried job, a second run the same day) sends nothing.
    expect(await dir.sendReminders(tenantId)).toEqual({ entries: 0, mails: 0 });
    expect((await ctx.services.mail.list(admin, { limit: 500, offset: 0 })).total).toBe(mails.total);

    // Confirming an entry resets its clock: after another interval, it is due again only if unchecked.
    const list = await dir.list(partnerA, "offer", { status: "published" });
    const checked = list[0]!;
    await dir.confirmChecked(partnerA, "offer", checked.id);
    ctx.clock.advance(100 * 86_400_000);
    const again = await dir.sendReminders(tenantId);
    expect(again.entries).toBe(0);
    ctx.clock.advance(100 * 86_400_000);
    const later = await dir.sendReminders(tenantId);
    expect(later.entries).toBeGreaterThan(0);
  });
});

/** A decodable 2×2 grey PNG. */
function png(): Uint8Array {
  const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const chunk = (type: string, data: number[]) => {
    const body = Buffer.from([...Buffer.from(type, "latin1"), ...data]);
    return [...u32(data.length), ...body, ...u32(crc32(body))];
  };
  return new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...chunk("IHDR", [...u32(2), ...u32(2), 8, 0, 0, 0, 0]),
    ...chunk("IDAT", [...deflateSync(Buffer.alloc(2 * 3))]),
    ...chunk("IEND", []),
  ]);
}

describe("over HTTP", () => {
  it("an upload that is not an image is a field error in the reader's language; an image is served publicly with caching", async () => {
    const password = "Ein-langes-Demo-Passwort-2026";
    await ctx.services.users.create(
      { kind: "system", tenantId },
      {
        email: "partner-http@example.org",
        displayName: "Partner HTTP",
        password,
        grants: [{ role: "partner_staff", scopeType: "organization", scopeId: orgA }],
      },
    );
    const login = await ctx.app.request(`${TEST_BASE_URL}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_BASE_URL },
      body: JSON.stringify({ email: "partner-http@example.org", password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const post = (body: unknown, lang = "ar") =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/images`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: TEST_BASE_URL,
          cookie,
          "accept-language": lang,
        },
        body: JSON.stringify(body),
      });
    const bad = await post({ data: Buffer.from("<script>alert(1)</script>").toString("base64") });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { field: string; code: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({ field: "image", code: "image_not_an_image" });
    expect(problem.errors[0]?.message).toMatch(/[\u0600-\u06FF]/);

    const ok = await post({ data: Buffer.from(png()).toString("base64"), alt: "Logo" });
    expect(ok.status).toBe(201);
    const saved = (await ok.json()) as { id: string; url: string; width: number };
    expect(saved.width).toBe(2);
    const img = await ctx.app.request(`${TEST_BASE_URL}${saved.url}`);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(png());

    // Partner staff editing another organization's entry over the API: 403.
    const other = (await ctx.services.directory.list(coordinator, "organization")).find(
      (o) => o.id === orgB,
    )!;
    const put = await ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/entries/organization/${orgB}`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: TEST_BASE_URL, cookie },
      body: JSON.stringify({ data: { name: "Übernommen" }, version: other.version }),
    });
    expect(put.status).toBe(403);
    const list = await ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/entries/organization`, {
      headers: { cookie },
    });
    const items = ((await list.json()) as { items: { id: string }[] }).items;
    expect(items.map((i) => i.id)).toEqual([orgA]);
  });
});
