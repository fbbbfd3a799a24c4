import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as translatePage from "#app/app/routes/staff/guide/translate.tsx";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { callPage } from "../../../tests/setup/page-call.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import { DEMO_OFFERS, DEMO_ORGANIZATIONS } from "../demo/directory-content.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;
let partner: Principal;

async function principalOf(role: Role): Promise<Principal> {
  const row = await ctx.services.users.credentials.byEmail(
    tenantId,
    `${role.replace(/_/g, "-")}@demo.lotse.example`,
  );
  const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
  return { userId: row!.id, tenantId, sessionId: "t", grants, mfaSatisfied: true };
}

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  coordinator = await principalOf("coordinator");
  partner = await principalOf("partner_staff");
}, 300_000);
afterAll(() => ctx.close());

const guide = () => ctx.services.guide;
const org = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.id;
const offer = (key: string) => DEMO_OFFERS.find((o) => o.key === key)!.id;
const pageAt = async (path: string) => {
  const { pages } = await guide().tree(coordinator);
  let parentId: string | null = null;
  for (const slug of path.split("/"))
    parentId = pages.find((p) => p.parentId === parentId && p.slug === slug)!.id;
  return await guide().page(coordinator, parentId!);
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; fields?: { field: string; code: string }[] },
  );
const newPage = (slug: string, extra: Record<string, unknown> = {}) => ({
  parentId: null,
  slug,
  title: `Testseite ${slug}`,
  body: "<p>Text</p>",
  ownerKind: "organization" as const,
  ownerId: org("stadt-unna"),
  lastCheckedOn: null,
  offerIds: [],
  sort: 0,
  ...extra,
});

describe("the demo guide", () => {
  it("holds the template's first steps and topics, some published with translations", async () => {
    const { pages } = await guide().tree(coordinator);
    const roots = pages.filter((p) => p.parentId === null).map((p) => p.slug);
    expect(roots).toEqual(["erste-schritte", "leben-vor-ort"]);
    // Unna's welcome package, which the public may ask for by mail.
    expect((await guide().publicPackages(tenantId)).map((p) => p.name)).toEqual(["Willkommen in Unna"]);
    const first = pages.find((p) => p.slug === "erste-schritte")!;
    expect(pages.filter((p) => p.parentId === first.id).map((p) => p.slug)).toEqual([
      "wohnsitz-anmelden",
      "krankenversicherung",
      "jobcenter",
      "kita",
      "schule",
      "sprachkurse",
      "beratung",
    ]);
    expect(pages.find((p) => p.slug === "kita")!.status).toBe("draft");
    expect(pages.find((p) => p.slug === "wohnsitz-anmelden")!.publishedVersion).toBe(1);
  });

  it("reads a page in Farsi with breadcrumbs and its linked offer as it is today", async () => {
    const page = await guide().publicPage(tenantId, ["erste-schritte", "wohnsitz-anmelden"], "fa", "fa");
    expect(page!.title).toEqual({ text: "ثبت نشانی محل سکونت", lang: "fa", isFallback: false });
    expect(page!.body!.text).toContain("Bürgeramt");
    expect(page!.breadcrumbs.map((b) => b.title.text)).toEqual(["گام‌های نخست"]);
    expect(page!.offers).toHaveLength(1);
    expect(page!.offers[0]!.available).toBe(true);
  });

  it("falls back to German past a missing or outdated translation, and flags it", async () => {
    const ticket = await guide().publicPage(tenantId, ["leben-vor-ort", "sozialticket"], "ar", "ar");
    expect(ticket!.title).toEqual({ text: "Sozialticket", lang: "de", isFallback: true });
    // The counselling page changed after its English translation (demo): German is shown.
    const counselling = await guide().publicPage(tenantId, ["erste-schritte", "beratung"], "en", "en");
    // Only the body changed: the title's translation still holds, the body's is outdated.
    expect(counselling!.title).toEqual({ text: "Counselling", lang: "en", isFallback: false });
    expect(counselling!.body!.isFallback).toBe(true);
    expect(counselling!.body!.text).toContain("abends");
    // Unpublished (template) pages are not public.
    expect(await guide().publicPage(tenantId, ["erste-schritte", "kita"], "de", "de")).toBeNull();
  });
});

describe("editing", () => {
  it("sanitises rich text, refuses a cycle and an unknown owner, and tells two editors apart", async () => {
    const created = await guide().create(
      coordinator,
      newPage("test-a", {
        body: '<p onclick="x()">Hallo<script>alert(1)</script></p><a href="javascript:x">y</a>',
      }),
    );
    expect(created.body).toBe("<p>Hallo</p>y");
    const child = await guide().create(coordinator, newPage("test-b", { parentId: created.id }));
    const cycle = await failure(
      guide().update(coordinator, created.id, {
        ...newPage("test-a"),
        parentId: child.id,
        version: created.version,
      }),
    );
    expect(cycle?.fields).toEqual([{ field: "parentId", code: "guide_cycle" }]);
    const owner = await failure(
      guide().create(coordinator, newPage("test-c", { ownerId: "00000000-0000-7000-8000-000000000001" })),
    );
    expect(owner?.fields).toEqual([{ field: "ownerId", code: "guide_owner_unknown" }]);
    const taken = await failure(guide().create(coordinator, newPage("test-a")));
    expect(taken?.fields).toEqual([{ field: "slug", code: "guide_slug_taken" }]);
    // Two editors read version 1; the second save is refused.
    await guide().update(coordinator, created.id, { ...newPage("test-a"), title: "Erste", version: 1 });
    const second = await failure(
      guide().update(coordinator, created.id, { ...newPage("test-a"), title: "Zweite", version: 1 }),
    );
    expect(second?.code).toBe("version_conflict");
  });

  it("lets partner staff write only the pages their organization owns", async () => {
    const own = await pageAt("erste-schritte/sprachkurse");
    expect((await guide().page(partner, own.page.id)).canEdit).toBe(true);
    const city = await pageAt("erste-schritte/wohnsitz-anmelden");
    expect((await guide().page(partner, city.page.id)).canEdit).toBe(false);
    const refused = await failure(
      guide().update(partner, city.page.id, { ...newPage("wohnsitz-anmelden"), version: city.page.version }),
    );
    expect(refused?.code).toBe("forbidden");
    const foreign = await failure(guide().create(partner, newPage("test-partner")));
    expect(foreign?.code).toBe("forbidden");
    const mine = await guide().create(partner, newPage("test-partner", { ownerId: org("in-via") }));
    expect(mine.status).toBe("draft");
    // Publishing is the coordinator's.
    const submitted = await guide().transition(partner, mine.id, {
      transition: "submit",
      version: mine.version,
    });
    expect(
      (
        await failure(
          guide().transition(partner, mine.id, { transition: "publish", version: submitted.version }),
        )
      )?.code,
    ).toBe("forbidden");
  });
});

describe("review, versions and translations", () => {
  it("publishes versions, marks translations outdated and shows the translator what changed", async () => {
    const created = await guide().create(
      coordinator,
      newPage("test-versions", { title: "Müll trennen", body: "<p>Gelbe Tonne für Verpackungen.</p>" }),
    );
    const wrongStep = await failure(
      guide().transition(coordinator, created.id, { transition: "publish", version: 1 }),
    );
    expect(wrongStep?.fields).toEqual([{ field: "transition", code: "guide_transition_invalid" }]);
    let row = await guide().transition(coordinator, created.id, { transition: "submit", version: 1 });
    row = await guide().transition(coordinator, created.id, { transition: "publish", version: row.version });
    expect(row.publishedVersion).toBe(1);
    await guide().saveTranslation(coordinator, created.id, "en", {
      title: "Separating waste",
      body: "<p>Yellow bin for packaging.</p>",
      status: "reviewed",
      titleVersion: 0,
      bodyVersion: 0,
    });
    expect((await guide().overview(coordinator, "en")).items.find((i) => i.id === created.id)?.status).toBe(
      "reviewed",
    );
    // An edit is a new draft: readers keep version 1 until it is published.
    row = await guide().update(coordinator, created.id, {
      ...newPage("test-versions"),
      title: "Müll trennen",
      body: "<p>Gelbe Tonne für Verpackungen, blaue Tonne für Papier.</p>",
      version: row.version,
    });
    expect((await guide().publicPage(tenantId, ["test-versions"], "de", "de"))!.body!.text).toBe(
      "<p>Gelbe Tonne für Verpackungen.</p>",
    );
    row = await guide().transition(coordinator, created.id, { transition: "submit", version: row.version });
    row = await guide().transition(coordinator, created.id, { transition: "publish", version: row.version });
    expect(row.publishedVersion).toBe(2);
    expect((await guide().page(coordinator, created.id)).versions.map((v) => v.number)).toEqual([2, 1]);
    const overview = await guide().overview(coordinator, "en");
    expect(overview.items.find((i) => i.id === created.id)?.status).toBe("outdated");
    const view = await guide().translatorView(coordinator, created.id, "en");
    expect(view.basedOn).toBe(1);
    expect(view.translation.body.text).toBe("<p>Yellow bin for packaging.</p>");
    expect(view.changes!.body.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual([
      // Readable text, not HTML (decision 115): no "</p>" in the diff.
      "Verpackungen, blaue Tonne für Papier.",
    ]);
    expect(view.changes!.title).toEqual([{ kind: "same", text: "Müll trennen" }]);
    // Saved against the German text of version 1 while 2 is published: refused, still outdated.
    const translation = {
      title: "Separating waste",
      body: "<p>Yellow bin for packaging, blue bin for paper.</p>",
      status: "reviewed" as const,
      titleVersion: view.translation.title.version,
      bodyVersion: view.translation.body.version,
    };
    const stale = await failure(
      guide().saveTranslation(coordinator, created.id, "en", { ...translation, sourceVersion: 1 }),
    );
    expect(stale?.code).toBe("version_conflict");
    expect((await guide().translatorView(coordinator, created.id, "en")).status).toBe("outdated");
    await guide().saveTranslation(coordinator, created.id, "en", { ...translation, sourceVersion: 2 });
    const after = await guide().translatorView(coordinator, created.id, "en");
    expect([after.status, after.basedOn, after.changes]).toEqual(["reviewed", 2, null]);
  });

  it("gives the translator's text back on a conflict, whether the German text or the translation changed (decision 132)", async () => {
    const id = (await pageAt("erste-schritte/beratung")).page.id;
    const before = await guide().translatorView(coordinator, id, "en");
    expect([before.source.version, before.basedOn]).toEqual([2, 1]);
    const post = (sourceVersion: number) =>
      callPage(
        ctx,
        translatePage.action,
        coordinator,
        `/staff/guide/${id}/translate/en`,
        { id, lang: "en" },
        [
          ["title", "Advice"],
          ["body", "<p>My own words.</p>"],
          ["status", "reviewed"],
          ["titleVersion", String(before.translation.title.version)],
          ["bodyVersion", String(before.translation.body.version)],
          ["sourceVersion", String(sourceVersion)],
        ],
      );
    const kept = { title: "Advice", body: "<p>My own words.</p>", status: "reviewed" };
    // Made from version 1 while 2 is published: the page compares the kept source version with its own.
    const stale = await post(1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      errors: { code: "version_conflict" },
      values: { ...kept, sourceVersion: 1 },
    });
    // Another translator saved first: refused too, the other's text stays stored.
    await guide().saveTranslation(coordinator, id, "en", {
      title: "Counselling",
      body: "<p>Their words.</p>",
      status: "draft",
      titleVersion: before.translation.title.version,
      bodyVersion: before.translation.body.version,
      sourceVersion: 2,
    });
    const late = await post(2);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      errors: { code: "version_conflict" },
      values: { ...kept, sourceVersion: 2 },
    });
    expect((await guide().translatorView(coordinator, id, "en")).translation.title.text).toBe("Counselling");
  });

  it("shows an archived linked offer as no longer available", async () => {
    const key = "psychosoziale-beratung";
    const entry = await ctx.services.directory.get(coordinator, "offer", offer(key));
    await ctx.services.directory.archive(coordinator, "offer", offer(key), entry.version);
    const staff = await pageAt("erste-schritte/beratung");
    expect(staff.links.find((l) => l.id === offer(key))).toEqual({
      id: offer(key),
      title: null,
      available: false,
    });
    // Listed for the owners in the tree, too.
    expect((await guide().tree(coordinator)).pages.find((p) => p.id === staff.page.id)?.deadLinks).toBe(1);
    const reader = await guide().publicPage(tenantId, ["erste-schritte", "beratung"], "de", "de");
    expect(reader!.offers.find((o) => o.id === offer(key))).toEqual({ id: offer(key), available: false });
    const relink = await failure(
      guide().create(coordinator, newPage("test-archived", { offerIds: [offer(key)] })),
    );
    expect(relink?.fields).toEqual([{ field: "offerIds.0", code: "guide_offer_unknown" }]);
  });
});
