// Round 5 of the guide (issue 23 item 7, decision 090): the page tree as Markdown files with
// front matter, exported as a zip and read back through the one import wizard, all or nothing.
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;
let partner: Principal;
let exported: Record<string, string>;

async function principal(who: string): Promise<Principal> {
  const row = await ctx.services.users.credentials.byEmail(tenantId, `${who}@demo.lotse.example`);
  const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
  return { userId: row!.id, tenantId, sessionId: "t", grants, mfaSatisfied: true };
}

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  coordinator = await principal("coordinator");
  partner = await principal("partner-staff");
  const { zip } = await ctx.services.guide.interchange.exportMarkdown(coordinator);
  exported = Object.fromEntries(Object.entries(unzipSync(zip)).map(([n, b]) => [n, strFromU8(b)]));
}, 300_000);
afterAll(() => ctx.close());

const REGISTRATION = "erste-schritte/wohnsitz-anmelden";
const zipOf = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)]))));

/** Uploads through the import runs as the wizard does, runs the preview job, optionally commits. */
async function importZip(upload: Buffer, commit = false) {
  const runs = ctx.services.importRuns;
  const run = await runs.start(coordinator, tenantId, {
    kind: "guide",
    mode: "preview",
    filename: "guide.zip",
    upload,
  });
  await runs.execute(tenantId, run.id);
  const previewed = await runs.get(coordinator, tenantId, run.id);
  if (!commit || !previewed.committable) return previewed;
  await runs.commit(coordinator, tenantId, run.id);
  await runs.execute(tenantId, run.id);
  return runs.get(coordinator, tenantId, run.id);
}

const publicPage = (path: string, lang: "de" | "ar" = "de") =>
  ctx.services.guide.publicPage(tenantId, path.split("/"), lang, lang);

describe("the Markdown export", () => {
  it("writes one file per page and language with slug, owner and the translation's status", () => {
    const german = exported[`${REGISTRATION}.de.md`];
    expect(german).toMatch(/^---\nslug: wohnsitz-anmelden\nlang: de\ntitle: /);
    expect(german).toMatch(/\nowner:\n {2}kind: (office|organization)\n {2}name: .+\n/);
    const translated = Object.keys(exported).filter(
      (n) => n.startsWith(`${REGISTRATION}.`) && !n.endsWith(".de.md"),
    );
    expect(translated.length).toBeGreaterThan(0);
    expect(exported[translated[0]!]).toMatch(/\nstatus: (draft|reviewed)\n/);
  });

  it("is the coordinators': partner staff may neither export nor import", async () => {
    await expect(ctx.services.guide.interchange.exportMarkdown(partner)).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      ctx.services.importRuns.start(partner, tenantId, {
        kind: "guide",
        mode: "preview",
        filename: "g.zip",
        upload: zipOf({ "a.de.md": "---\ntitle: A\n---\n" }),
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("the Markdown import", () => {
  it("reads its own export back unchanged where nothing was edited", async () => {
    // Only the published subtree of the registration page: drafts of the template are refused.
    const subtree = Object.fromEntries(
      Object.entries(exported).filter(
        ([n]) => n === "erste-schritte.de.md" || n.startsWith(`${REGISTRATION}.`),
      ),
    );
    const run = await importZip(zipOf(subtree));
    expect(run.result?.issues).toEqual([]);
    expect(run.result?.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it("publishes changed and new pages with their translations, all in one run", async () => {
    const before = await publicPage(REGISTRATION);
    const german = exported[`${REGISTRATION}.de.md`]!.replace(
      /\n---\n[\s\S]*$/,
      "\n---\n\nNeu: **Termin** online buchen.\n",
    );
    const ownerBlock = /\nowner:\n.*\n.*\n/.exec(german)![0];
    const files = {
      "erste-schritte.de.md": exported["erste-schritte.de.md"]!,
      [`${REGISTRATION}.de.md`]: german,
      "erste-schritte/bibliothek.de.md": `---\nslug: bibliothek\nlang: de\ntitle: Stadtbibliothek${ownerBlock}---\n\nSiehe [Bibliothek](https://www.unna.de/bibliothek).\n`,
      "erste-schritte/bibliothek.ar.md":
        "---\nlang: ar\ntitle: مكتبة المدينة\nstatus: reviewed\n---\n\nالمكتبة\n",
    };
    const preview = await importZip(zipOf(files));
    expect(preview.result?.issues).toEqual([]);
    expect(preview.result?.counts).toMatchObject({ create: 1, update: 1, unchanged: 1, translations: 1 });
    // The preview wrote nothing.
    expect((await publicPage(REGISTRATION))?.body?.text).toBe(before?.body?.text);

    const done = await importZip(zipOf(files), true);
    expect(done.status).toBe("committed");
    expect(done.result?.committed).toMatchObject({ created: 1, updated: 1, unchanged: 1, translations: 1 });
    const registration = await publicPage(REGISTRATION);
    expect(registration?.body?.text).toContain("<strong>Termin</strong>");
    const library = await publicPage("erste-schritte/bibliothek", "ar");
    expect(library?.title.text).toBe("مكتبة المدينة");
    expect(library?.body).toMatchObject({ lang: "ar", isFallback: false });
    expect(library?.body?.text).toContain("المكتبة");
    const view = await ctx.services.guide.page(coordinator, registration!.id);
    expect(view.versions[0]!.number).toBeGreaterThan(1);
  });

  it("refuses the whole archive with each mistake at its file and line, writing nothing", async () => {
    const tree = await ctx.services.guide.tree(coordinator);
    const run = await importZip(
      zipOf({
        "neu.de.md":
          "---\nslug: neu\ntitle: Neu\nowner:\n  kind: office\n  name: Gibt es nicht\n---\n\nText\n",
        "gesund.de.md":
          "---\ntitle: Gesund\nowner:\n  kind: office\n  name: x\n---\n\n[Kita](/de/guide/kita-gibt-es-nicht)\n",
        "neu.xx.md": "---\ntitle: X\n---\n",
        "a/b.de.md": "---\ntitle: Waise\n---\n",
        "kaputt.de.md": "---\ntitle: [\n---\n",
      }),
    );
    expect(run.status).toBe("previewed");
    expect(run.committable).toBe(false);
    const issues = run.result!.issues.map((i) => `${i.column}:${i.row}:${i.code}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        "neu.de.md:4:guide.guide_owner_unknown",
        "gesund.de.md:8:guide.guide_md_broken_link",
        "neu.xx.md:1:guide.guide_md_language",
        "a/b.de.md:1:guide.guide_md_parent_missing",
        "kaputt.de.md:2:guide.guide_md_yaml",
      ]),
    );
    // Nothing of it (not even the valid parts) reached the tree.
    expect((await ctx.services.guide.tree(coordinator)).pages.length).toBe(tree.pages.length);
  });

  it("does not overwrite a page someone is editing, fills an untouched template heading, reads only zips", async () => {
    const registration = (await publicPage(REGISTRATION))!;
    const { page, body, offerIds, sort } = await ctx.services.guide.page(coordinator, registration.id);
    await ctx.services.guide.update(coordinator, registration.id, {
      parentId: page.parentId,
      slug: page.slug,
      title: page.title,
      body: `${body}<p>In Arbeit</p>`,
      ownerKind: page.ownerKind,
      ownerId: page.ownerId,
      lastCheckedOn: page.lastCheckedOn,
      offerIds,
      sort,
      version: page.version,
    });
    const edited = await importZip(zipOf({ [`${REGISTRATION}.de.md`]: "---\ntitle: Überschrieben\n---\n" }));
    expect(edited.result?.issues.map((i) => `${i.column}:${i.code}`)).toEqual([
      `${REGISTRATION}.de.md:guide.guide_md_page_in_work`,
    ]);
    // A heading of the seed template nobody has written yet (draft, never published, empty).
    const tree = await ctx.services.guide.tree(coordinator);
    const heading = tree.pages.find(
      (p) => p.status === "draft" && p.publishedVersion === null && p.depth === 1,
    );
    if (heading) {
      const filled = await importZip(
        zipOf({ [`${heading.slug}.de.md`]: "---\ntitle: Gefüllt\n---\n\nText\n" }),
      );
      expect(filled.result?.issues).toEqual([]);
      expect(filled.result?.counts).toMatchObject({ update: 1 });
    }
    const notZip = await importZip(Buffer.from("slug;title\n"));
    expect(notZip.result?.fileIssues.map((i) => i.code)).toEqual(["guide.guide_md_zip"]);
  });
});
