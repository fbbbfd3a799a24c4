// The combined public search (issue 23): guide pages, offers and events together, typo-tolerant,
// across languages, in the reader's language and in easy German; only published text is found.
// Also offline reading (the offline copy's URLs) and the welcome package PDF on the same demo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageQuery } from "#app/modules/guide/contracts.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import {
  createDemoContext,
  type DemoContext,
  TEST_BASE_URL,
  type TestContext,
} from "../../../tests/setup/test-db.ts";
import { DEMO_ORGANIZATIONS } from "../demo/directory-content.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const row = await ctx.services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
  coordinator = { userId: row!.id, tenantId, sessionId: "t", grants, mfaSatisfied: true };
}, 300_000);
afterAll(() => ctx.close());

const search = (q: string, lang: Parameters<TestContext["services"]["guide"]["search"]>[2]) =>
  ctx.services.guide.search(tenantId, q, lang);
const paths = (r: Awaited<ReturnType<typeof search>>) => r.pages?.items.map((p) => p.path) ?? [];

describe("the combined search", () => {
  it("finds 'register my address' in Farsi, with a typo, and shows the hit in the reader's language", async () => {
    const fa = await search("ثبت نشانی", "fa");
    expect(paths(fa)[0]).toBe("erste-schritte/wohnsitz-anmelden");
    expect(fa.pages!.items[0]!.title).toEqual({ text: "ثبت نشانی محل سکونت", lang: "fa", isFallback: false });
    expect(fa.pages!.items[0]!.excerpt!.text).toContain("Bürgeramt");
    // A German word with a typo, read in Farsi: found across languages, shown in Farsi.
    const typo = await search("Wonsitz anmelden", "fa");
    expect(paths(typo)).toContain("erste-schritte/wohnsitz-anmelden");
    expect(typo.pages!.items.find((p) => p.path.endsWith("wohnsitz-anmelden"))!.title.lang).toBe("fa");
  });

  it("searches easy German and falls back to German titles where a language has none", async () => {
    const simple = await search("Vermieter Papier", "de-simple");
    expect(paths(simple)[0]).toBe("erste-schritte/wohnsitz-anmelden");
    expect(simple.pages!.items[0]!.title.text).toBe("Wohnung anmelden");
    // The social ticket page has no Arabic translation: found by its German word, titled in German.
    const ticket = await search("Sozialticket", "ar");
    const hit = ticket.pages!.items.find((p) => p.path === "leben-vor-ort/sozialticket");
    expect(hit!.title).toMatchObject({ lang: "de", isFallback: true });
  });

  it("finds offers and events beside the pages, through the directory", async () => {
    const r = await search("Sprachkurs Kinderbetreuung", "de");
    expect(r.offers!.total).toBeGreaterThan(0);
    expect(r.offers!.items[0]!.title.text).toMatch(/Sprachkurs/);
    expect(r.events).not.toBeNull();
    const none = await search("xqzvw", "de");
    expect(none.pages).toEqual({ items: [], total: 0 });
    expect(none.offers!.total).toBe(0);
    expect((await search(" a ", "de")).pages).toBeNull();
  });

  it("finds a page only once it is published, and finds its new text after the next publication", async () => {
    const g = ctx.services.guide;
    const fields = {
      parentId: null,
      slug: "suchtest",
      title: "Fahrradwerkstatt",
      body: "<p>Reparaturcafé am Samstag</p>",
      ownerKind: "organization" as const,
      ownerId: DEMO_ORGANIZATIONS.find((o) => o.key === "stadt-unna")!.id,
      lastCheckedOn: null,
      offerIds: [],
      sort: 0,
    };
    const created = await g.create(coordinator, fields);
    expect(paths(await search("Fahrradwerkstatt", "de"))).not.toContain("suchtest");
    const submitted = await g.transition(coordinator, created.id, {
      transition: "submit",
      version: created.version,
    });
    const published = await g.transition(coordinator, created.id, {
      transition: "publish",
      version: submitted.version,
    });
    expect(paths(await search("Fahradwerkstat", "de"))).toContain("suchtest");
    // A saved but unpublished change is not searchable; readers keep the published text.
    const saved = await g.update(coordinator, created.id, {
      ...fields,
      title: "Nähcafé",
      body: "<p>Nähmaschinen</p>",
      version: published.version,
    });
    expect(paths(await search("Nähmaschinen", "de"))).not.toContain("suchtest");
    const again = await g.transition(coordinator, created.id, {
      transition: "submit",
      version: saved.version,
    });
    await g.transition(coordinator, created.id, { transition: "publish", version: again.version });
    expect(paths(await search("Nähmaschinen", "de"))).toContain("suchtest");
    expect(paths(await search("Reparaturcafé", "de"))).not.toContain("suchtest");
  });
});

describe("offline reading", () => {
  it("adds the guide's index and its public pages to the language's offline copy", async () => {
    const fa = await ctx.services.guide.offlineUrls(tenantId, "fa");
    expect(fa[0]).toBe("/fa/guide");
    expect(fa).toContain("/fa/guide/erste-schritte/wohnsitz-anmelden");
    expect(fa).not.toContain("/fa/guide/erste-schritte/kita");
    const de = await ctx.services.guide.offlineUrls(tenantId, "de");
    expect(de).toContain("/de/guide/erste-schritte/wohnsitz-anmelden?simple=1");
  });
});

describe("the welcome package", () => {
  const principal = async (role: string) => {
    const row = await ctx.services.users.credentials.byEmail(tenantId, `${role}@demo.lotse.example`);
    const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
    return { userId: row!.id, tenantId, sessionId: "t", grants, mfaSatisfied: true } as Principal;
  };
  const idOf = async (path: string) =>
    (await ctx.services.guide.publicTree(tenantId, "de")).find((p) => p.path === path)!.id;

  const drain = async () => {
    for (let i = 0; i < 20 && (await ctx.services.jobs.runDue({ limit: 50 })).claimed > 0; i++);
  };

  it("renders chosen pages in easy German as a tagged PDF with QR codes, built by the job queue, not the request", async () => {
    const caseWorker = await principal("case-worker");
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const cookie = await sessionCookieFor(ctx.services, tenantId, caseWorker.userId);
    const get = (accept: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/guide/package.pdf?lang=de-simple&page=${registration}`, {
        headers: { cookie, accept },
      });
    // Not built yet (decision 123): queued, with its progress resource; nothing rendered here.
    const first = await get("application/json");
    expect(first.status).toBe(202);
    const queued = (await first.json()) as { id: string; status: string };
    expect(queued.status).toBe("queued");
    expect(first.headers.get("location")).toBe(`/api/v1/guide/package-renders/${queued.id}`);
    // A browser following the link again joins the same render on its progress page.
    const browser = await get("text/html,application/xhtml+xml");
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe(`/staff/guide/package/${queued.id}`);
    await drain();
    const res = await get("application/json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    const filename = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
    expect(filename).toBe("willkommen-de-simple.pdf");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/S /Figure");
    expect(raw).toContain("/Lang (de-DE)");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Wohnung anmelden");
    expect(text).toContain("Das Bürgeramt ist im Rathaus.");
    // The URL under the page's QR code (wrapped at its hyphen).
    expect(text.replace(/\s/g, "")).toContain(
      "http://lotse.test/de/guide/erste-schritte/wohnsitz-anmelden?simple=1",
    );
  });

  it("sets an Arabic package right to left, tagged, with the page's address kept readable", async () => {
    const caseWorker = await principal("case-worker");
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    const query = parseInput(packageQuery, { lang: "ar", page: [registration] });
    const first = await ctx.services.guide.welcomePackage(caseWorker, query);
    expect("render" in first && first.render.status).toBe("queued");
    await drain();
    const built = await ctx.services.guide.welcomePackage(caseWorker, query);
    if ("render" in built) throw new Error("the job did not build the package");
    const { pdf, filename } = built;
    expect(filename).toBe("willkommen-ar.pdf");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (ar)");
    expect(raw).toContain("/S /Figure");
    expect(raw).toMatch(/\/S \/H2/);
    // The address is a left-to-right run of its own inside the Arabic line, in reading order.
    expect(pdfText(pdf).replace(/\s/g, "")).toContain(
      "http://lotse.test/ar/guide/erste-schritte/wohnsitz-anmelden",
    );
  });

  it("refuses an unknown language, unpublished pages, and roles that do not hand packages out", async () => {
    const coordinator2 = await principal("coordinator");
    const registration = await idOf("erste-schritte/wohnsitz-anmelden");
    expect(() => parseInput(packageQuery, { lang: "ps", page: registration })).toThrow(
      expect.objectContaining({
        fields: [expect.objectContaining({ field: "lang", code: "guide_package_language" })],
      }),
    );
    const { pages } = await ctx.services.guide.tree(coordinator2);
    const draft = pages.find((p) => p.slug === "kita")!.id;
    await expect(
      ctx.services.guide.welcomePackage(coordinator2, parseInput(packageQuery, { lang: "en", page: draft })),
    ).rejects.toMatchObject({ fields: [{ field: "page", code: "guide_package_page_unknown" }] });
    const partner = await principal("partner-staff");
    await expect(
      ctx.services.guide.welcomePackage(
        partner,
        parseInput(packageQuery, { lang: "en", page: registration }),
      ),
    ).rejects.toMatchObject({ status: 403 });
  });
});
