/**
 * Markdown interchange of the page tree (issue 23 item 7, decision 090): the tree as a zip of
 * Markdown files with front matter (export), and such a zip read back through the import wizard
 * (preview, then all-or-nothing commit). Formats and per-line reading live in markdown.ts.
 */
import { strToU8, unzipSync, zipSync } from "fflate";
import type { DbOrTx } from "../../server/db/client.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { sanitizeRichText } from "../directory/service.ts";
import { type ContentLanguage, TARGET_LANGUAGES } from "../translations/languages.ts";
import type { GuideDeps } from "./deps.ts";
import {
  type FileIssue,
  fileName,
  lostLinks,
  type PageFile,
  readPageFile,
  writePageFile,
} from "./markdown.ts";
import { GUIDE_ENTITY, MAX_BODY, MAX_DEPTH, MAX_TITLE, MD_MAX_FILES, pathOf } from "./model.ts";
import { guideRepo, type PageRow } from "./repo.ts";

export { MD_MAX_BYTES } from "./model.ts";

const MD_MAX_FILE_BYTES = 4 * MAX_BODY;
const LANGUAGES: readonly string[] = ["de", ...TARGET_LANGUAGES];

export type MdPlanRow = {
  path: string;
  title: string;
  langs: string[];
  action: "create" | "update" | "unchanged";
};
export type MdAnalysis = {
  ok: boolean;
  fileIssues: string[];
  issues: FileIssue[];
  rows: MdPlanRow[];
  counts: Record<string, number>;
};

type Planned = {
  key: string;
  german: PageFile;
  translations: PageFile[];
  existing: PageRow | undefined;
  owner: { kind: "organization" | "office"; id: string } | undefined;
  action: MdPlanRow["action"];
};

type Reindex = (tenantId: string, pageIds: readonly string[], tx?: DbOrTx) => Promise<void>;

export function createInterchange(deps: GuideDeps, reindex: Reindex) {
  const { db } = deps;
  const keyOf = (path: readonly string[]) => path.join("/");

  async function ownersOf(tenantId: string) {
    const [organizations, offices] = await Promise.all([
      deps.owners.organizationsOf(tenantId),
      deps.owners.offices(tenantId),
    ]);
    return { organization: organizations, office: offices };
  }

  /** Unpacks the archive; a broken or oversized one is a file issue. */
  function unpack(upload: Buffer): { files: [string, string][]; error: string | null } {
    let count = 0;
    let tooLarge = false;
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(new Uint8Array(upload), {
        filter: (f) => {
          if (f.name.endsWith("/") || /(^|\/)(\.|__MACOSX)/.test(f.name)) return false;
          count++;
          if (f.originalSize > MD_MAX_FILE_BYTES) tooLarge = true;
          return count <= MD_MAX_FILES && !tooLarge;
        },
      });
    } catch {
      return { files: [], error: "guide_md_zip" };
    }
    if (tooLarge) return { files: [], error: "guide_md_file_too_large" };
    if (count > MD_MAX_FILES) return { files: [], error: "guide_md_too_many_files" };
    const decoder = new TextDecoder("utf-8", { fatal: false });
    return { files: Object.entries(entries).map(([n, b]) => [n, decoder.decode(b)]), error: null };
  }

  /** Reads and checks every file against the tenant's tree; nothing is written. */
  async function analyse(tenantId: string, upload: Buffer) {
    const { files, error } = unpack(upload);
    const fail = (code: string): { analysis: MdAnalysis; plan: Planned[]; known: Map<string, string> } => ({
      analysis: { ok: false, fileIssues: [code], issues: [], rows: [], counts: {} },
      plan: [],
      known: new Map(),
    });
    if (error) return fail(error);
    if (!files.length) return fail("guide_md_empty");
    const issues: FileIssue[] = [];
    const texts = new Map(files);
    const byKey = new Map<string, { german?: PageFile; translations: PageFile[] }>();
    for (const [name, text] of files) {
      const r = readPageFile(name, text, LANGUAGES);
      issues.push(...r.issues);
      if (!r.file) continue;
      const f = r.file;
      for (const href of lostLinks(f.body))
        issues.push({ file: name, line: lineOf(text, href), code: "guide_md_broken_link", params: { href } });
      f.body = sanitizeRichText(f.body);
      if (f.title.length > MAX_TITLE) issues.push({ file: name, line: 1, code: "guide_md_title_long" });
      if (f.body.length > MAX_BODY) issues.push({ file: name, line: 1, code: "guide_md_body_long" });
      const entry = byKey.get(keyOf(f.path)) ?? { translations: [] };
      if (f.lang === "de") entry.german = f;
      else entry.translations.push(f);
      byKey.set(keyOf(f.path), entry);
    }
    const pages = await guideRepo.list(db, tenantId);
    const existing = new Map(pages.map((p) => [keyOf(pathOf(pages, p.id).map((x) => x.slug)), p]));
    const owners = await ownersOf(tenantId);
    const plan: Planned[] = [];
    const published = new Map(
      (
        await guideRepo.published(
          db,
          tenantId,
          pages.map((p) => p.id),
        )
      ).map((v) => [v.pageId, v]),
    );
    for (const [key, entry] of byKey) {
      const german = entry.german;
      if (!german) {
        for (const t of entry.translations)
          issues.push({ file: fileName(t.path, t.lang), line: 1, code: "guide_md_no_german" });
        continue;
      }
      const name = fileName(german.path, "de");
      const parentKey = keyOf(german.path.slice(0, -1));
      if (german.path.length > 1 && !byKey.get(parentKey)?.german && !existing.has(parentKey))
        issues.push({ file: name, line: 1, code: "guide_md_parent_missing", params: { parent: parentKey } });
      if (german.path.length > MAX_DEPTH)
        issues.push({ file: name, line: 1, code: "guide_too_deep", params: { max: MAX_DEPTH } });
      const row = existing.get(key);
      // Someone's unfinished work is never overwritten; an untouched heading of the seed template
      // (never published, no text) is there to be filled, so the archive may fill it.
      if (row && row.status !== "published" && (row.publishedVersion !== null || row.body.trim()))
        issues.push({ file: name, line: 1, code: "guide_md_page_in_work" });
      let owner: Planned["owner"];
      if (german.owner) {
        const found = owners[german.owner.kind].find(
          (o) => o.name.trim().toLowerCase() === german.owner!.name.toLowerCase(),
        );
        if (found) owner = { kind: german.owner.kind, id: found.id };
        else
          issues.push({ file: name, line: lineOf(texts.get(name), "owner:"), code: "guide_owner_unknown" });
      } else if (!row) issues.push({ file: name, line: 1, code: "guide_md_owner" });
      const current = row ? published.get(row.id) : undefined;
      const same = current && current.title === german.title && flat(current.body) === flat(german.body);
      plan.push({
        key,
        german,
        translations: entry.translations,
        existing: row,
        owner,
        action: row ? (same ? "unchanged" : "update") : "create",
      });
    }
    // Parents first, so a new child finds its new parent's id.
    plan.sort((a, b) => a.german.path.length - b.german.path.length || a.key.localeCompare(b.key));
    const counts = { create: 0, update: 0, unchanged: 0, translations: 0 };
    for (const p of plan) {
      counts[p.action]++;
      counts.translations += p.translations.length;
    }
    issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const analysis: MdAnalysis = {
      ok: issues.length === 0,
      fileIssues: [],
      issues,
      counts: issues.length ? { invalid: issues.length } : counts,
      rows: plan.map((p) => ({
        path: p.key,
        title: p.german.title,
        langs: ["de", ...p.translations.map((t) => t.lang)],
        action: p.action,
      })),
    };
    return { analysis, plan, known: new Map([...existing].map(([k, p]) => [k, p.id])) };
  }

  /** Writes the plan in one transaction: each changed page as a new published version, then its translations. */
  async function write(tenantId: string, plan: Planned[], known: Map<string, string>) {
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      // Path → page id: the tree's pages, then each page written (parents come first).
      const ids = new Map(known);
      const touched: string[] = [];
      let translations = 0;
      for (const p of plan) {
        const g = p.german;
        const parentId = g.path.length > 1 ? (ids.get(keyOf(g.path.slice(0, -1))) ?? null) : null;
        let row = p.existing;
        if (p.action !== "unchanged") {
          const number = (row?.publishedVersion ?? 0) + 1;
          const fields = {
            title: g.title,
            body: g.body,
            status: "published" as const,
            publishedVersion: number,
            ...(g.sort !== undefined ? { sort: g.sort } : {}),
            ...(g.lastChecked ? { lastCheckedOn: g.lastChecked } : {}),
            ...(p.owner ? { ownerKind: p.owner.kind, ownerId: p.owner.id } : {}),
          };
          row = row
            ? await guideRepo.updateIfVersion(tx, tenantId, row.id, row.version, fields, now)
            : await guideRepo.insert(tx, {
                tenantId,
                parentId,
                slug: g.path.at(-1)!,
                ownerKind: p.owner!.kind,
                ownerId: p.owner!.id,
                ...fields,
              });
          if (!row) throw new Error("guide import: page changed during the import");
          await guideRepo.insertVersion(tx, {
            tenantId,
            pageId: row.id,
            number,
            title: g.title,
            body: g.body,
            offerIds: row.offerIds,
            publishedBy: null,
            publishedAt: now,
          });
          const entity = { tenantId, entityType: GUIDE_ENTITY, entityId: row.id };
          await deps.translations.setSource(entity, "title", g.title, { db: tx });
          if (g.body.trim()) await deps.translations.setSource(entity, "body", g.body, { db: tx });
          else await deps.translations.clearField(entity, "body", tx);
          await deps.audit.record(
            {
              actor: { kind: "system", tenantId },
              action: "guide.import",
              entityType: GUIDE_ENTITY,
              entityId: row.id,
              changes: diff(null, { path: p.key, version: number }),
            },
            tx,
          );
        }
        ids.set(p.key, row!.id);
        touched.push(row!.id);
        translations += await writeTranslations(tx, tenantId, row!, p, g.body.trim() !== "");
      }
      await reindex(tenantId, touched, tx);
      const count = (a: MdPlanRow["action"]) => plan.filter((p) => p.action === a).length;
      return {
        created: count("create"),
        updated: count("update"),
        unchanged: count("unchanged"),
        translations,
      };
    });
  }

  /** A page's translations from the files, each based on its current published version; unchanged texts are left. */
  async function writeTranslations(tx: DbOrTx, tenantId: string, row: PageRow, p: Planned, hasBody: boolean) {
    if (!p.translations.length) return 0;
    const entity = { tenantId, entityType: GUIDE_ENTITY, entityId: row.id };
    const langs = p.translations.map((t) => t.lang as ContentLanguage);
    const cells =
      (await deps.translations.matrix(tenantId, GUIDE_ENTITY, [row.id], langs, tx)).get(row.id) ?? {};
    let written = 0;
    for (const t of p.translations) {
      const status = t.status === "reviewed" ? "reviewed" : "draft";
      const same = (f: "title" | "body", text: string) =>
        cells[f]?.[t.lang]?.text === text && cells[f]?.[t.lang]?.status === status;
      if (p.action === "unchanged" && same("title", t.title) && (!hasBody || same("body", t.body))) continue;
      await deps.translations.setTranslation(entity, "title", t.lang, t.title, status, { db: tx });
      if (hasBody && t.body.trim())
        await deps.translations.setTranslation(entity, "body", t.lang, t.body, status, { db: tx });
      await guideRepo.setBase(tx, tenantId, row.id, t.lang, row.publishedVersion!, deps.clock.now());
      written++;
    }
    return written;
  }

  return {
    /**
     * The tree as a zip: per page its German text (the published version, else the working copy)
     * and every translation there is, with the owner by name so another municipality can map it.
     */
    async exportMarkdown(principal: Principal): Promise<{ zip: Uint8Array; filename: string }> {
      authorize(principal, "guide.interchange");
      const tenantId = principal.tenantId;
      const pages = await guideRepo.list(db, tenantId);
      const ids = pages.map((p) => p.id);
      const [published, owners, matrix] = await Promise.all([
        guideRepo.published(db, tenantId, ids),
        ownersOf(tenantId),
        deps.translations.matrix(tenantId, GUIDE_ENTITY, ids, TARGET_LANGUAGES),
      ]);
      const versionOf = new Map(published.map((v) => [v.pageId, v]));
      const files: Record<string, Uint8Array> = {};
      for (const p of pages) {
        const path = pathOf(pages, p.id).map((x) => x.slug);
        const text = versionOf.get(p.id) ?? p;
        const ownerName = owners[p.ownerKind].find((o) => o.id === p.ownerId)?.name;
        files[fileName(path, "de")] = strToU8(
          writePageFile({
            path,
            lang: "de",
            title: text.title,
            body: text.body,
            sort: p.sort,
            lastChecked: p.lastCheckedOn,
            ...(ownerName ? { owner: { kind: p.ownerKind, name: ownerName } } : {}),
          }),
        );
        const cells = matrix.get(p.id) ?? {};
        for (const lang of TARGET_LANGUAGES) {
          const title = cells.title?.[lang];
          if (!title?.text) continue;
          files[fileName(path, lang)] = strToU8(
            writePageFile({
              path,
              lang,
              title: title.text,
              body: cells.body?.[lang]?.text ?? "",
              // An outdated or machine translation goes back in as a draft to be reviewed.
              status: title.status === "reviewed" ? "reviewed" : "draft",
            }),
          );
        }
      }
      const day = deps.clock.now().toISOString().slice(0, 10);
      return { zip: zipSync(files, { level: 6 }), filename: `guide-${day}.zip` };
    },

    /** The import wizard's kind (imports/kinds/guide.ts): preview and commit run as the system. */
    asSystem: {
      async preview(tenantId: string, upload: Buffer): Promise<MdAnalysis> {
        return (await analyse(tenantId, upload)).analysis;
      },
      /** All or nothing: with any issue (checked again) nothing is written and the analysis returned. */
      async commit(tenantId: string, upload: Buffer) {
        const { analysis, plan, known } = await analyse(tenantId, upload);
        if (!analysis.ok) return { analysis, written: null };
        return { analysis, written: await write(tenantId, plan, known) };
      },
    },
  };
}
export type GuideInterchange = ReturnType<typeof createInterchange>;

/** Rich text without the whitespace between tags (Markdown renders block elements on lines of their own). */
const flat = (html: string) => html.replace(/>\s+</g, "><").trim();

/** The line of a file where `needle` first occurs (1 when not found). */
function lineOf(text: string | undefined, needle: string): number {
  const at = text?.indexOf(needle) ?? -1;
  return at < 0 ? 1 : text!.slice(0, at).split("\n").length;
}
