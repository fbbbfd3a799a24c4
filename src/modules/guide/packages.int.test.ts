// Round 4 of the guide (issue 23, decision 082): saved packages with offers, the hand-out from a
// case recorded as a contact, news with translations and feeds, and the owners' check reminders.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as newsItemPage from "#app/app/routes/staff/guide/news-item.tsx";
import * as packagePage from "#app/app/routes/staff/guide/saved-package.tsx";
import {
  handoutInput,
  newsInput,
  packageRenderInput,
  publicPackageRequestInput,
  savedPackageInput,
  updateNewsInput,
  updateSavedPackageInput,
} from "#app/modules/guide/contracts.ts";
import { guidePackageRenders } from "#app/modules/guide/schema.ts";
import { sha256Hex } from "#app/server/crypto.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { callPage } from "../../../tests/setup/page-call.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import { DEMO_OFFERS, DEMO_ORGANIZATIONS } from "../demo/directory-content.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;
let caseWorker: Principal;

async function principal(who: string): Promise<Principal> {
  const row = await ctx.services.users.credentials.byEmail(tenantId, `${who}@demo.lotse.example`);
  const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
  return { userId: row!.id, tenantId, sessionId: "t", grants, mfaSatisfied: true };
}

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  coordinator = await principal("coordinator");
  caseWorker = await principal("case-worker");
}, 300_000);
afterAll(() => ctx.close());

const guide = () => ctx.services.guide;
const idOf = async (path: string) =>
  (await guide().publicTree(tenantId, "de")).find((p) => p.path === path)!.id;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; status: number; fields?: { field: string; code: string }[] },
  );

describe("saved packages", () => {
  it("keeps a named set of pages and offers and renders it with the offers' hours and place", async () => {
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const offerId = DEMO_OFFERS[0]!.id;
    const saved = await guide().createSavedPackage(
      coordinator,
      parseInput(savedPackageInput, {
        name: "Neue Familien",
        title: "Willkommen in Unna",
        pageIds: [registration],
        offerIds: [offerId],
      }),
    );
    expect((await guide().savedPackages(caseWorker)).map((p) => p.name)).toContain("Neue Familien");
    // The GET queues the render (decision 123); once the job built it, the GET serves the file.
    const first = await guide().savedPackagePdf(caseWorker, saved.id, "de");
    if (!("render" in first)) throw new Error("rendered inside the request");
    expect(first.render.requested).toEqual({ pages: 1, offers: 1 });
    for (let i = 0; i < 20 && (await ctx.services.jobs.runDue({ limit: 50 })).claimed > 0; i++);
    expect((await guide().packageRender(caseWorker, first.render.id)).rendered).toEqual({
      pages: 1,
      offers: 1,
    });
    const built = await guide().savedPackagePdf(caseWorker, saved.id, "de");
    if ("render" in built) throw new Error("the built file was not served");
    const { pdf } = built;
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Willkommen in Unna");
    expect(text).toContain("Angebote");
    expect(text).toContain(DEMO_OFFERS[0]!.title.de);
    expect(text.replace(/\s/g, "")).toContain(`http://lotse.test/de/offers/${offerId}`);
    // Two editors: the second save with the old version is refused.
    const input = parseInput(updateSavedPackageInput, {
      ...saved,
      name: "Neue Familien 2",
      version: saved.version,
    });
    await guide().updateSavedPackage(coordinator, saved.id, input);
    expect((await failure(guide().updateSavedPackage(coordinator, saved.id, input)))?.code).toBe(
      "version_conflict",
    );
  });

  it("renders a requested package in the job queue: queued, then done with the file for its requester (decision 115)", async () => {
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const r = await guide().requestPackage(
      caseWorker,
      parseInput(packageRenderInput, {
        lang: "de-simple",
        pageIds: [registration],
        title: "Willkommen bei uns",
      }),
    );
    expect(r).toMatchObject({
      status: "queued",
      pdfPath: null,
      rendered: null,
      requested: { pages: 1, offers: 0 },
    });
    // Nothing rendered inside the request: no file until the job ran.
    expect((await failure(guide().packageRenderPdf(caseWorker, r.id)))?.code).toBe("not_found");
    // Another user's request: as if it did not exist.
    expect((await failure(guide().packageRender(coordinator, r.id)))?.code).toBe("not_found");
    for (let i = 0; i < 20 && (await ctx.services.jobs.runDue({ limit: 50 })).claimed > 0; i++);
    expect(await guide().packageRender(caseWorker, r.id)).toMatchObject({
      status: "done",
      rendered: { pages: 1, offers: 0 },
      pdfPath: `/api/v1/guide/package-renders/${r.id}/pdf`,
    });
    const { pdf, filename } = await guide().packageRenderPdf(caseWorker, r.id);
    expect(filename).toBe("willkommen-de-simple.pdf");
    expect(pdfText(pdf).replace(/\s+/g, " ")).toContain("Willkommen bei uns");
    // Chosen now: an unknown offer is named at its field and nothing is queued.
    const bad = await failure(
      guide().requestPackage(
        caseWorker,
        parseInput(packageRenderInput, {
          lang: "ar",
          pageIds: [registration],
          offerIds: ["0190a6f0-0000-7000-8000-0000000000ff"],
        }),
      ),
    );
    expect(bad?.fields).toEqual([{ field: "offerIds.0", code: "guide_offer_unknown" }]);
    expect(() => parseInput(packageRenderInput, { lang: "ar" })).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ code: "guide_package_empty" })] }),
    );
    // A saved package in Arabic: its printed title and its content, rendered by the job.
    const saved = (await guide().savedPackages(caseWorker))[0]!;
    const ar = await guide().requestPackage(
      caseWorker,
      parseInput(packageRenderInput, { lang: "ar", packageId: saved.id }),
    );
    expect(ar.title).toBe(saved.title || saved.name);
    for (let i = 0; i < 20 && (await ctx.services.jobs.runDue({ limit: 50 })).claimed > 0; i++);
    const arDone = await guide().packageRender(caseWorker, ar.id);
    expect(arDone.status).toBe("done");
    expect(arDone.rendered!.pages + arDone.rendered!.offers).toBeGreaterThan(0);
  });

  it("refuses an empty package, a taken name, a draft page and an unknown offer, field by field", async () => {
    expect(() => parseInput(savedPackageInput, { name: "Leer" })).toThrow(
      expect.objectContaining({
        fields: [expect.objectContaining({ field: "pageIds", code: "guide_package_empty" })],
      }),
    );
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const taken = await failure(
      guide().createSavedPackage(
        coordinator,
        parseInput(savedPackageInput, { name: "neue familien 2", pageIds: [registration] }),
      ),
    );
    expect(taken?.fields).toEqual([{ field: "name", code: "guide_package_name_taken" }]);
    const { pages } = await guide().tree(coordinator);
    const draft = pages.find((p) => p.slug === "kita")!.id;
    const bad = await failure(
      guide().createSavedPackage(
        coordinator,
        parseInput(savedPackageInput, { name: "Kaputt", pageIds: [draft], offerIds: [crypto.randomUUID()] }),
      ),
    );
    expect(bad?.fields).toEqual([
      expect.objectContaining({ field: "pageIds.0", code: "guide_package_page_unknown" }),
      expect.objectContaining({ field: "offerIds.0", code: "guide_offer_unknown" }),
    ]);
    // Case workers hand packages out but do not keep them.
    expect(
      (
        await failure(
          guide().createSavedPackage(
            caseWorker,
            parseInput(savedPackageInput, { name: "X", pageIds: [registration] }),
          ),
        )
      )?.status,
    ).toBe(403);
  });
});

describe("a newcomer's package request by mail", () => {
  it("mails a token link in the reader's language, serves the job-built file by it, and limits requests (decision 123)", async () => {
    const saved = (await guide().savedPackages(caseWorker))[0]!;
    const ask = (email: string, clientIp: string) =>
      guide().requestPackageByMail(
        tenantId,
        parseInput(publicPackageRequestInput, { email, packageId: saved.id, lang: "ar" }),
        { language: "fa", clientIp },
      );
    await ask("Neu.Ankommen@example.org", "203.0.113.7");
    // The mail in the reader's language, with the link; the address is nowhere in the render.
    const mails = (await ctx.services.core.db.execute(
      sql`select subject, text from mail_outbox where tenant_id = ${tenantId} and "to" = 'Neu.Ankommen@example.org'`,
    )) as unknown as { rows: { subject: string; text: string | null }[] };
    const mail = mails.rows[0];
    expect(mail!.subject).toBe("بستهٔ خوشامدگویی شما");
    const token = /\/fa\/welcome-package\/([A-Za-z0-9_-]{32})/.exec(mail!.text ?? "")?.[1];
    expect(token).toBeDefined();
    const [row] = await ctx.services.core.db
      .select()
      .from(guidePackageRenders)
      .where(eq(guidePackageRenders.tokenHash, sha256Hex(token!)));
    expect([row!.requestedBy, row!.lang, row!.status]).toEqual([null, "ar", "queued"]);
    expect(JSON.stringify(row)).not.toMatch(/ankommen/i);
    // Nothing rendered inside the request: no file until the job ran.
    expect((await guide().packageByToken(tenantId, token!)).status).toBe("queued");
    expect((await failure(guide().packageByTokenPdf(tenantId, token!)))?.code).toBe("not_found");
    for (let i = 0; i < 20 && (await ctx.services.jobs.runDue({ limit: 50 })).claimed > 0; i++);
    expect((await guide().packageByToken(tenantId, token!)).status).toBe("done");
    const { pdf } = await guide().packageByTokenPdf(tenantId, token!);
    expect(pdf.toString("latin1")).toContain("/Lang (ar)");
    expect((await failure(guide().packageByToken(tenantId, "x".repeat(32))))?.code).toBe("not_found");
    // Per address (any case, any client): the fourth request of a day is refused.
    await ask("neu.ankommen@example.org", "203.0.113.8");
    await ask("neu.ankommen@example.org", "203.0.113.9");
    expect((await failure(ask("NEU.ankommen@example.org", "203.0.113.10")))?.code).toBe("too_many_requests");
    // Per client address: the eleventh request of an hour is refused.
    for (let i = 0; i < 10; i++) await ask(`n${i}@example.org`, "198.51.100.1");
    expect((await failure(ask("other@example.org", "198.51.100.1")))?.code).toBe("too_many_requests");
    // An unknown package is named at its field.
    const unknown = await failure(
      guide().requestPackageByMail(
        tenantId,
        parseInput(publicPackageRequestInput, {
          email: "x@example.org",
          packageId: crypto.randomUUID(),
          lang: "de",
        }),
        { language: "de", clientIp: "192.0.2.1" },
      ),
    );
    expect(unknown?.fields).toEqual([{ field: "packageId", code: "guide_package_unknown" }]);
  });
});

describe("handing a package out from a case", () => {
  it("suggests the household's language and records the hand-out as a contact without content", async () => {
    const created = await ctx.services.casework.createHousehold(caseWorker, {
      household: {
        label: "Familie Haddad",
        lon: 7.69,
        lat: 51.54,
        accommodationKind: "shared_accommodation",
      },
      persons: [
        {
          givenName: "Rania",
          familyName: "Haddad",
          birthDate: "1990-01-01",
          sex: "female",
          languages: [
            { lang: "de", level: "A1" },
            { lang: "ar", level: "native" },
          ],
        },
      ],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (created.status !== "created") throw new Error("household not created");
    const caseId = created.caseId!;
    const form = await guide().handoutForm(caseWorker, caseId);
    expect(form.suggestedLang).toBe("ar");
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const r = await guide().handOut(
      caseWorker,
      caseId,
      parseInput(handoutInput, { lang: "ar", pageIds: [registration], kind: "home_visit" }),
    );
    expect(r.pdfPath).toBe(`/api/v1/guide/package.pdf?lang=ar&page=${registration}`);
    const c = await ctx.services.casework.cases.get(caseWorker, caseId);
    const contact = c.contacts.find((x) => x.id === r.contactId)!;
    expect(contact.kind).toBe("home_visit");
    expect(contact.note).toBe(
      "Willkommenspaket ausgehändigt: ausgewählte Seiten, Sprache: Arabisch, Seiten: 1, Angebote: 0",
    );
    // A coordinator has no case access: refused before anything is recorded.
    expect((await failure(guide().handoutForm(coordinator, caseId)))?.status).toBe(403);
    // A page no longer public cannot be handed out; nothing is recorded.
    const { pages } = await guide().tree(coordinator);
    const draft = pages.find((p) => p.slug === "kita")!.id;
    const bad = await failure(
      guide().handOut(caseWorker, caseId, parseInput(handoutInput, { lang: "de", pageIds: [draft] })),
    );
    expect(bad?.fields?.[0]?.code).toBe("guide_package_page_unknown");
    expect((await ctx.services.casework.cases.get(caseWorker, caseId)).contacts).toHaveLength(1);
  });
});

describe("news", () => {
  it("shows current messages in the reader's language, falls back to German with a flag, expires, and feeds", async () => {
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const n = await guide().createNews(
      coordinator,
      parseInput(newsInput, {
        title: "Neue Sprechzeiten im Bürgeramt",
        body: "<p>Ab März auch samstags.</p><script>alert(1)</script>",
        publishedOn: "2026-03-01",
        pageIds: [registration],
      }),
    );
    expect(n.body).not.toContain("script");
    await guide().createNews(
      coordinator,
      parseInput(newsInput, { title: "Abgelaufen", publishedOn: "2026-01-01", expiresOn: "2026-02-01" }),
    );
    await guide().createNews(
      coordinator,
      parseInput(newsInput, { title: "Morgen", publishedOn: "2026-03-03" }),
    );
    const fa = await guide().publicNews(tenantId, "fa", { limit: 10 });
    expect(fa.map((x) => x.title.text)).toEqual(["Neue Sprechzeiten im Bürgeramt"]);
    expect(fa[0]!.title).toEqual({ text: "Neue Sprechzeiten im Bürgeramt", lang: "de", isFallback: true });
    expect(fa[0]!.pages.map((p) => p.path)).toEqual(["erste-schritte/wohnsitz-anmelden"]);
    await guide().saveNewsTranslation(coordinator, n.id, "fa", {
      title: "ساعات کاری تازه",
      body: "<p>از مارس شنبه‌ها هم.</p>",
      status: "reviewed",
    });
    const translated = await guide().publicNews(tenantId, "fa", { limit: 10, pageId: registration });
    expect(translated[0]!.title).toEqual({ text: "ساعات کاری تازه", lang: "fa", isFallback: false });
    // The German text changes: the Farsi translation is outdated and German shows again.
    await guide().updateNews(
      coordinator,
      n.id,
      parseInput(updateNewsInput, {
        title: "Neue Sprechzeiten",
        body: "<p>Ab März auch samstags.</p>",
        publishedOn: "2026-03-01",
        pageIds: [registration],
        version: n.version,
      }),
    );
    const outdated = await guide().publicNews(tenantId, "fa", { limit: 10 });
    expect(outdated[0]!.title).toEqual({ text: "Neue Sprechzeiten", lang: "de", isFallback: true });
    // Decision 115: the translator sees what changed in the German text since the Farsi was saved.
    const item = await guide().newsItem(coordinator, n.id, "fa");
    expect(item.translations.title?.fa?.status).toBe("outdated");
    expect(item.basedOn?.version).toBe(n.version);
    expect(item.changes!.title.filter((p) => p.kind !== "same").map((p) => [p.kind, p.text.trim()])).toEqual([
      ["removed", "im Bürgeramt"],
    ]);
    expect(item.changes!.body).toEqual([{ kind: "same", text: "Ab März auch samstags." }]);
    // A language never saved here has no German text to compare with.
    expect(await guide().newsItem(coordinator, n.id, "en")).toMatchObject({ basedOn: null, changes: null });
    // A translator who saw the German text before the change cannot confirm against the new one.
    const stale = await failure(
      guide().saveNewsTranslation(coordinator, n.id, "fa", {
        title: "ساعات کاری تازه",
        body: "<p>از مارس شنبه‌ها هم.</p>",
        status: "reviewed",
        sourceVersion: n.version,
      }),
    );
    expect(stale?.code).toBe("version_conflict");
    expect((await guide().newsItem(coordinator, n.id, "fa")).translations.title?.fa?.status).toBe("outdated");
    // The feed names the German fallback entry's language.
    const atom = await guide().newsFeed(tenantId, "Unna", "fa", "atom");
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fa">');
    expect(atom).toContain('<entry xml:lang="de">');
    expect(atom).toContain(`urn:uuid:${n.id}`);
    // Confirmed unchanged against the current German text: current again, nothing left to show.
    await guide().saveNewsTranslation(coordinator, n.id, "fa", {
      title: "ساعات کاری تازه",
      body: "<p>از مارس شنبه‌ها هم.</p>",
      status: "reviewed",
      sourceVersion: n.version + 1,
    });
    const confirmed = await guide().newsItem(coordinator, n.id, "fa");
    expect(confirmed.translations.title?.fa?.status).toBe("reviewed");
    expect(confirmed).toMatchObject({ basedOn: { version: n.version + 1 }, changes: null });
    expect((await guide().publicNews(tenantId, "fa", { limit: 10 }))[0]!.title.lang).toBe("fa");
    expect(await guide().newsFeed(tenantId, "Unna", "fa", "atom")).not.toContain("<entry xml:lang=");
    expect(atom).not.toContain("Abgelaufen");
    const rss = await guide().newsFeed(tenantId, "Unna", "de", "rss");
    expect(rss).toContain("<rss");
    expect(rss).toContain("Neue Sprechzeiten");
    expect(() =>
      parseInput(newsInput, { title: "X", publishedOn: "2026-03-02", expiresOn: "2026-03-01" }),
    ).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: "expiresOn" })] }));
  });
});

describe("owner reminders", () => {
  it("mails each owner of pages due for their check once, and not again within the interval", async () => {
    // A page of an organization with an address, last checked more than a year ago.
    await guide().create(coordinator, {
      parentId: null,
      slug: "pruefung-faellig",
      title: "Beratung der Werkstatt",
      body: "",
      ownerKind: "organization",
      ownerId: DEMO_ORGANIZATIONS.find((o) => o.key === "werkstatt")!.id,
      lastCheckedOn: "2025-01-10",
      offerIds: [],
      sort: 0,
    });
    const first = await guide().daily.ownerReminders(tenantId);
    expect(first).toBeGreaterThan(0);
    expect(await guide().daily.ownerReminders(tenantId)).toBe(0);
    const admin = await principal("admin");
    const mails = await ctx.services.mail.list(admin, { limit: 50, offset: 0 });
    const mail = mails.items.find((m) => m.to === "fluechtlingsberatung@werkstatt-im-kreis-unna.de");
    expect(mail?.subject).toBe("Eine Seite im Wegweiser ist zur Prüfung fällig");
  });
});

/** A staff page's loader or action as the router calls it, for `who`. */
const onPage = <A extends (args: never) => unknown>(
  fn: A,
  who: Principal,
  path: string,
  params: Record<string, string>,
  fields?: [string, string][],
) => callPage(ctx, fn, who, path, params, fields);
const errorsOf = (body: Record<string, unknown>) =>
  body.errors as { code: string; fields: Record<string, string> } | undefined;

describe("editing pages for news and saved packages (decision 105)", () => {
  it("edits a message under its version, and translates it beside the German source under the rows' versions", async () => {
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const n = await guide().createNews(
      coordinator,
      parseInput(newsInput, {
        title: "Bibliothek geschlossen",
        body: "<p>Am Montag.</p>",
        publishedOn: "2026-03-01",
      }),
    );
    const path = `/staff/guide/news/${n.id}`;
    const page = (await onPage(newsItemPage.loader, coordinator, `${path}?lang=ar`, { id: n.id }))
      .body as Awaited<ReturnType<typeof newsItemPage.loader>>;
    expect(page.news).toMatchObject({ title: "Bibliothek geschlossen", version: n.version });
    expect(page.lang).toBe("ar");
    expect(page.translation?.title).toMatchObject({ status: "missing", version: 0 });
    expect(page.languages.find((l) => l.lang === "ar")?.status).toBe("missing");
    const german = (over: Record<string, string>, version = n.version): [string, string][] => [
      ...Object.entries({
        intent: "save",
        version: String(version),
        title: "Bibliothek geschlossen",
        body: "<p>Am Montag und Dienstag.</p>",
        publishedOn: "2026-03-01",
        expiresOn: "",
        ...over,
      }),
      ["pageIds", registration],
    ];
    // A clear message at the field, nothing written.
    for (const [over, field] of [
      [{ title: "" }, "title"],
      [{ expiresOn: "2026-02-01" }, "expiresOn"],
    ] as const) {
      const bad = await onPage(newsItemPage.action, coordinator, path, { id: n.id }, german(over));
      expect(bad.status).toBe(422);
      expect(Object.keys(errorsOf(bad.body)!.fields)).toEqual([field]);
    }
    expect(
      (await onPage(newsItemPage.action, coordinator, path, { id: n.id }, german({}))).body,
    ).toMatchObject({
      ok: true,
      intent: "save",
    });
    // A second editor who read the old version gets the conflict, not an overwrite.
    const stale = await onPage(
      newsItemPage.action,
      coordinator,
      path,
      { id: n.id },
      german({ title: "Alt" }),
    );
    expect(stale.status).toBe(409);
    expect(errorsOf(stale.body)?.code).toBe("version_conflict");
    const after = (await guide().newsItem(coordinator, n.id)).row;
    expect([after.title, after.pageIds, after.version]).toEqual([
      "Bibliothek geschlossen",
      [registration],
      n.version + 1,
    ]);
    // Translating: versions 0 (no row yet) write; the same post again is a conflict.
    const arabic: [string, string][] = [
      ["intent", "translate"],
      ["lang", "ar"],
      ["titleVersion", "0"],
      ["bodyVersion", "0"],
      ["sourceVersion", String(n.version + 1)],
      ["title", "المكتبة مغلقة"],
      ["body", "<p>يوم الاثنين والثلاثاء.</p><script>x()</script>"],
      ["status", "reviewed"],
    ];
    expect((await onPage(newsItemPage.action, coordinator, path, { id: n.id }, arabic)).body).toMatchObject({
      ok: true,
      intent: "translate",
    });
    const twice = await onPage(newsItemPage.action, coordinator, path, { id: n.id }, arabic);
    expect([twice.status, errorsOf(twice.body)?.code]).toEqual([409, "version_conflict"]);
    const reread = (await onPage(newsItemPage.loader, coordinator, `${path}?lang=ar`, { id: n.id }))
      .body as Awaited<ReturnType<typeof newsItemPage.loader>>;
    expect(reread.translation?.body).toMatchObject({ text: "<p>يوم الاثنين والثلاثاء.</p>", version: 1 });
    expect(reread.languages.find((l) => l.lang === "ar")?.status).toBe("reviewed");
    expect([reread.basedOn, reread.changes]).toEqual([n.version + 1, null]);
    const shown = await guide().publicNews(tenantId, "ar", { limit: 20 });
    expect(shown.find((x) => x.id === n.id)?.title).toEqual({
      text: "المكتبة مغلقة",
      lang: "ar",
      isFallback: false,
    });
    // Decision 115: the German body changes; the page shows the Arabic translator the change,
    // and the form read before it cannot confirm the translation against the new text.
    expect(
      (await onPage(newsItemPage.action, coordinator, path, { id: n.id }, german({}, n.version + 1))).status,
    ).toBe(200);
    const changed = (await onPage(newsItemPage.loader, coordinator, `${path}?lang=ar`, { id: n.id }))
      .body as Awaited<ReturnType<typeof newsItemPage.loader>>;
    expect(changed.languages.find((l) => l.lang === "ar")?.status).toBe("reviewed");
    const edited = german({ body: "<p>Am Montag, Dienstag und Mittwoch.</p>" }, n.version + 2);
    await onPage(newsItemPage.action, coordinator, path, { id: n.id }, edited);
    const outdated = (await onPage(newsItemPage.loader, coordinator, `${path}?lang=ar`, { id: n.id }))
      .body as Awaited<ReturnType<typeof newsItemPage.loader>>;
    expect(outdated.languages.find((l) => l.lang === "ar")?.status).toBe("outdated");
    expect(outdated.basedOn).toBe(n.version + 1);
    // Read as text, not HTML: the old text and the new one each come back from the parts.
    const parts = outdated.changes!.body;
    const textOf = (kind: string) =>
      parts
        .filter((p) => p.kind === "same" || p.kind === kind)
        .map((p) => p.text)
        .join("");
    expect([textOf("removed"), textOf("added")]).toEqual([
      "Am Montag und Dienstag.",
      "Am Montag, Dienstag und Mittwoch.",
    ]);
    expect(parts.some((p) => p.kind === "added" && p.text.includes("Mittwoch."))).toBe(true);
    expect(outdated.changes!.title).toEqual([{ kind: "same", text: "Bibliothek geschlossen" }]);
    const late = await onPage(newsItemPage.action, coordinator, path, { id: n.id }, [
      ...arabic.filter(([k]) => k !== "titleVersion" && k !== "bodyVersion"),
      ["titleVersion", "1"],
      ["bodyVersion", "1"],
    ]);
    expect([late.status, errorsOf(late.body)?.code]).toEqual([409, "version_conflict"]);
    // An unknown language is not a page; a case worker never reaches the action's service.
    const unknown = await onPage(newsItemPage.action, coordinator, path, { id: n.id }, [
      ...arabic.filter(([k]) => k !== "lang"),
      ["lang", "xx"],
    ]).catch((e: unknown) => e as { init?: { status?: number } });
    expect((unknown as { init?: { status?: number } }).init?.status).toBe(404);
    await expect(onPage(newsItemPage.loader, caseWorker, path, { id: n.id })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("edits a saved package under its version, naming a withdrawn page at its field", async () => {
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const offerId = DEMO_OFFERS[0]!.id;
    const saved = await guide().createSavedPackage(
      coordinator,
      parseInput(savedPackageInput, { name: "Erster Besuch", pageIds: [registration], offerIds: [offerId] }),
    );
    const path = `/staff/guide/packages/${saved.id}`;
    const page = (await onPage(packagePage.loader, coordinator, path, { id: saved.id })).body as Awaited<
      ReturnType<typeof packagePage.loader>
    >;
    expect(page.pkg).toMatchObject({ name: "Erster Besuch", pageIds: [registration], offerIds: [offerId] });
    expect(page.offers.some((o) => o.id === offerId && !o.gone)).toBe(true);
    const post = (over: [string, string][], version = saved.version): [string, string][] => [
      ["version", String(version)],
      ["name", "Erster Hausbesuch"],
      ["title", "Willkommen"],
      ["pageIds", registration],
      ...over,
    ];
    const { pages } = await guide().tree(coordinator);
    const draft = pages.find((p) => p.slug === "kita")!.id;
    const bad = await onPage(
      packagePage.action,
      coordinator,
      path,
      { id: saved.id },
      post([["pageIds", draft]]),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(errorsOf(bad.body)!.fields)).toEqual(["pageIds.1"]);
    expect((await onPage(packagePage.action, coordinator, path, { id: saved.id }, post([]))).body).toEqual({
      ok: true,
    });
    const stale = await onPage(
      packagePage.action,
      coordinator,
      path,
      { id: saved.id },
      post([["offerIds", offerId]]),
    );
    expect([stale.status, errorsOf(stale.body)?.code]).toEqual([409, "version_conflict"]);
    expect(await guide().savedPackage(coordinator, saved.id)).toMatchObject({
      name: "Erster Hausbesuch",
      title: "Willkommen",
      pageIds: [registration],
      offerIds: [],
      version: saved.version + 1,
    });
    await expect(
      onPage(packagePage.action, caseWorker, path, { id: saved.id }, post([], saved.version + 1)),
    ).rejects.toMatchObject({
      init: { status: 403 },
    });
  });
});
