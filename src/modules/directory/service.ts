import { z } from "zod";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid, uuidv7 } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { type Action, authorize, can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { automaticMailFooter, type MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import {
  CONTENT_LANGUAGES,
  CONTENT_SOURCE_LANGUAGE,
  type ContentLanguage,
  isContentLanguage,
  type SettableStatus,
  type TranslationStatus,
} from "../translations/languages.ts";
import type { TranslationCell, TranslationService } from "../translations/service.ts";
import type { UserService } from "../users/service.ts";
import { ENTITY_TYPES, type EntityType, LIST_STATUSES, type ListStatus } from "./entry-types.ts";
import { inspectImage } from "./images.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { seriesEnd } from "./recurrence.ts";
import {
  type AnyEntryRow,
  type EntryListItem,
  type EventRow,
  type OfferRow,
  type OrganizationRow,
  type OrgFilter,
  type PlaceRow,
  type RevisionRow,
  directoryRepo as repo,
} from "./repo.ts";
import { plainTextOf, sanitizeRichText } from "./sanitize.ts";
import { ENTRY_STATUSES, type EntryStatus, type RevisionStatus } from "./schema.ts";
import { searchTextOf } from "./search-text.ts";
import {
  ENTRY_INPUTS,
  type EntryInputs,
  type EventInput,
  type OfferInput,
  type OrganizationInput,
  type PlaceInput,
  RICH_TEXT_FIELDS,
  TRANSLATED_FIELDS,
} from "./validate.ts";

/**
 * The directory's domain rules (issue 3, decision 013): drafts, review, publishing, versions,
 * last-checked reminders, translations and images of organizations, places, offers and events.
 *
 * An entry row holds what the public sees; every change by staff is a revision
 * (directory_revisions) that goes draft → in_review → published | rejected. At most one
 * revision per entry is open (draft or in review) at a time. Publishing copies the revision's
 * data into the row, writes the German texts as translation sources (other languages become
 * "outdated" where the German changed) and recomputes search_text.
 */

export { ENTITY_TYPES, type EntityType, LIST_STATUSES, type ListStatus } from "./entry-types.ts";
export type EntryData = EntryInputs[EntityType];

export const REMINDER_JOB = "directory.reminders";
export const DEFAULT_REVIEW_INTERVAL_DAYS = 180;
export const MIN_REVIEW_INTERVAL_DAYS = 7;
export const MAX_REVIEW_INTERVAL_DAYS = 1095;
const DAY_MS = 86_400_000;
const MAX_LIST = 200;
const MAX_REVIEW_NOTE = 2000;

export type EntryListView = EntryListItem & {
  type: EntityType;
  organizationName: string | null;
  /** The latest revision, when it is open (draft/in_review) or was rejected. */
  pending: { id: string; status: RevisionStatus; number: number } | null;
  checkDue: boolean;
};

export type RevisionView = {
  id: string;
  entityType: EntityType;
  entityId: string;
  number: number;
  status: RevisionStatus;
  organizationId: string | null;
  authorId: string | null;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Display name of the entry in this revision. */
  name: string;
};

export type EntryView = {
  type: EntityType;
  id: string;
  status: EntryStatus;
  version: number;
  organizationId: string | null;
  lastCheckedAt: Date | null;
  updatedAt: Date;
  /** The entry as it is (published data; for a never-published entry its first draft). */
  data: EntryData;
  /** Extra, derived data (the place's area). */
  areaId: string | null;
  openRevision: (RevisionView & { data: EntryData }) | null;
  /** The latest revision when it was rejected and nothing newer is open. */
  rejectedRevision: RevisionView | null;
  canEdit: boolean;
  canPublish: boolean;
};

const PREPARED: unique symbol = Symbol("directory.prepared");
/**
 * Entry data checked against the other modules (framework terms, areas): what validateEntry()
 * returns for a preview, and what publishDirect() may take instead of raw data.
 */
export type PreparedEntry = {
  readonly [PREPARED]: true;
  tenantId: string;
  type: EntityType;
  data: EntryData;
  areaId: string | null;
  /** Problems found so far (thrown together with the in-transaction checks). */
  fields: FieldError[];
};
function isPrepared(v: unknown): v is PreparedEntry {
  return typeof v === "object" && v !== null && PREPARED in v;
}

export type FieldChange = { field: string; before: unknown; after: unknown };

export type SaveResult = { entityId: string; revision: RevisionView; published: boolean };

export type DirectoryDeps = CoreDeps & {
  audit: AuditService;
  areas: AreaService;
  framework: FrameworkService;
  translations: TranslationService;
  jobs: JobQueue;
  mail: MailService;
  users: UserService;
  tenants: TenantService;
};

const saveOptionsSchema = z.object({
  revisionId: z
    .string()
    .refine(isUuid, { error: "code:invalid" })
    .nullish()
    .transform((v) => v ?? null),
  version: z.number().int().min(0),
  publishNow: z.boolean().default(false),
});
export type SaveOptions = z.input<typeof saveOptionsSchema> & { requestId?: string | undefined };

const reviewNoteSchema = z.string().trim().min(1).max(MAX_REVIEW_NOTE);
const intervalSchema = z.number().int().min(MIN_REVIEW_INTERVAL_DAYS).max(MAX_REVIEW_INTERVAL_DAYS);

function isEntityType(v: unknown): v is EntityType {
  return typeof v === "string" && (ENTITY_TYPES as readonly string[]).includes(v);
}
function assertType(v: string): EntityType {
  if (!isEntityType(v)) throw AppError.notFound();
  return v;
}

const nameOf = (type: EntityType, data: Record<string, unknown>): string =>
  String((type === "offer" || type === "event" ? data.title : data.name) ?? "");

/** The organization an entry belongs to (partner staff scope). */
function orgOf(type: EntityType, entityId: string, data: Record<string, unknown>): string | null {
  if (type === "organization") return entityId;
  return (data.organizationId as string | null | undefined) ?? null;
}

function revisionView(r: RevisionRow): RevisionView {
  return {
    id: r.id,
    entityType: r.entityType,
    entityId: r.entityId,
    number: r.number,
    status: r.status,
    organizationId: r.organizationId,
    authorId: r.authorId,
    submittedAt: r.submittedAt,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    reviewNote: r.reviewNote,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    name: nameOf(r.entityType, r.data),
  };
}

/** The entry as input data (the same shape revisions store), from its row and link tables. */
function rowToData(
  type: EntityType,
  row: AnyEntryRow,
  links: { termIds: string[]; placeIds: string[] },
): EntryData {
  switch (type) {
    case "organization": {
      const r = row as OrganizationRow;
      return {
        name: r.name,
        description: r.description,
        website: r.website,
        email: r.email,
        phone: r.phone,
        logoImageId: r.logoImageId,
        termIds: links.termIds,
      } satisfies OrganizationInput;
    }
    case "place": {
      const r = row as PlaceRow;
      return {
        organizationId: r.organizationId,
        name: r.name,
        street: r.street,
        postcode: r.postcode,
        city: r.city,
        lon: r.lon,
        lat: r.lat,
        coordinatesApproximate: r.coordinatesApproximate,
        accessibility: r.accessibility,
        languages: r.languages as PlaceInput["languages"],
        openingHours: r.openingHours,
      } satisfies PlaceInput;
    }
    case "offer": {
      const r = row as OfferRow;
      return {
        organizationId: r.organizationId,
        title: r.title,
        summary: r.summary,
        description: r.description,
        openingHours: r.openingHours,
        appointmentOnly: r.appointmentOnly,
        validFrom: r.validFrom,
        validTo: r.validTo,
        contacts: r.contacts,
        languages: r.languages as OfferInput["languages"],
        ageMin: r.ageMin,
        ageMax: r.ageMax,
        free: r.free,
        costNote: r.costNote,
        childcare: r.childcare,
        registrationRequired: r.registrationRequired,
        registrationNote: r.registrationNote,
        imageId: r.imageId,
        termIds: links.termIds,
        placeIds: links.placeIds,
      } satisfies OfferInput;
    }
    case "event": {
      const r = row as EventRow;
      return {
        organizationId: r.organizationId,
        offerId: r.offerId,
        placeId: r.placeId,
        title: r.title,
        summary: r.summary,
        description: r.description,
        startsAt: r.startsAt.toISOString(),
        durationMinutes: r.durationMinutes,
        rrule: r.rrule,
        exdates: r.exdates,
        free: r.free,
        languages: r.languages as EventInput["languages"],
        termIds: links.termIds,
      } satisfies EventInput;
    }
  }
}

/** The last occurrence's end of an event (null: the series never ends). */
export function seriesEndOf(
  e: Pick<EventInput, "startsAt" | "durationMinutes" | "rrule" | "exdates">,
): Date | null {
  return seriesEnd(
    {
      startsAt: new Date(e.startsAt),
      durationMinutes: e.durationMinutes,
      rrule: e.rrule,
      exdates: e.exdates,
    },
    DIRECTORY_TIME_ZONE,
  );
}

/** The row columns of an entry's data (links and texts go elsewhere). */
function dataToRow(
  type: EntityType,
  data: EntryData,
  extra: { areaId: string | null },
): Record<string, unknown> {
  switch (type) {
    case "organization": {
      const { termIds: _t, ...rest } = data as OrganizationInput;
      return rest;
    }
    case "place":
      return { ...(data as PlaceInput), areaId: extra.areaId };
    case "offer": {
      const { termIds: _t, placeIds: _p, ...rest } = data as OfferInput;
      return rest;
    }
    case "event": {
      const { termIds: _t, startsAt, ...rest } = data as EventInput;
      return {
        ...rest,
        startsAt: new Date(startsAt),
        seriesEndsAt: seriesEndOf(data as EventInput),
      };
    }
  }
}

/** Field-by-field comparison of two versions (top-level fields). */
export function diffData(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: k, before: b, after: a });
  }
  return out;
}

function mailTranslator(lang: string | null | undefined) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE));
}

/** The next 05:00 UTC strictly after `now` (early morning in Germany), for the daily job. */
function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 5, 0, 0));
  return d.getTime() > now.getTime() ? d : new Date(d.getTime() + DAY_MS);
}

export function createDirectoryService(deps: DirectoryDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  /**
   * Which organizations' entries the principal may act on with `action`: "all" for a grant on
   * the whole tenant, else the organizations its scoped grants name. A scoped grant with no
   * resource passes authorize(), so lists must be filtered with this.
   */
  function orgsFor(principal: Principal, action: Action): OrgFilter {
    return scopeIdsFor(principal, action, "organization");
  }

  const scope = (organizationId: string | null) => ({ organizationId });

  async function links(tx: DbOrTx, tenantId: string, type: EntityType, id: string) {
    const [termIds, placeIds] = await Promise.all([
      type === "place" ? Promise.resolve([]) : repo.termIds(tx, tenantId, type, id),
      type === "offer" ? repo.offerPlaceIds(tx, tenantId, id) : Promise.resolve([]),
    ]);
    return { termIds, placeIds };
  }

  async function currentData(tx: DbOrTx, tenantId: string, type: EntityType, row: AnyEntryRow) {
    return rowToData(type, row, await links(tx, tenantId, type, row.id));
  }

  function parse(type: EntityType, raw: unknown): EntryData {
    const r = ENTRY_INPUTS[type].safeParse(raw);
    if (!r.success) throw validationError(r.error.issues);
    return r.data as EntryData;
  }

  /**
   * The checks that need other modules (framework terms, the place's area). They run BEFORE a
   * transaction: on PGlite (one connection) another service's query inside our transaction
   * would wait for it forever. Returns the problems found, not yet thrown, and the area.
   */
  async function prepare(tenantId: string, type: EntityType, data: EntryData): Promise<PreparedEntry> {
    const fields: FieldError[] = [];
    const d = data as Partial<OfferInput & PlaceInput>;
    if (d.termIds?.length) {
      const axes = await deps.framework.list(tenantId, CONTENT_SOURCE_LANGUAGE);
      const known = new Set(axes.flatMap((a) => a.terms.map((t) => t.id)));
      d.termIds.forEach((id, i) => {
        if (!known.has(id)) fields.push({ field: `termIds.${i}`, code: "unknown_term" });
      });
    }
    let areaId: string | null = null;
    if (type === "place") {
      const p = data as PlaceInput;
      const hit = await deps.areas.locate(tenantId, p.lon, p.lat);
      if (hit) areaId = hit.area.id;
      else if ((await deps.areas.list(tenantId)).length > 0) {
        fields.push(
          { field: "lon", code: "place_outside_areas" },
          { field: "lat", code: "place_outside_areas" },
        );
      }
    }
    return { [PREPARED]: true, tenantId, type, data, areaId, fields };
  }

  /** The checks on the directory's own tables (linked entries and images exist), in `tx`. */
  async function checkLocal(tx: DbOrTx, p: PreparedEntry): Promise<void> {
    const { tenantId, type, data } = p;
    const fields: FieldError[] = [...p.fields];
    const d = data as Partial<OfferInput & EventInput & OrganizationInput & PlaceInput>;
    const exists = async (t: EntityType, ids: (string | null | undefined)[]) =>
      repo.existingIds(
        tx,
        t,
        tenantId,
        ids.filter((x): x is string => !!x),
      );
    if (type !== "organization" && d.organizationId) {
      if (!(await exists("organization", [d.organizationId])).has(d.organizationId))
        fields.push({ field: "organizationId", code: "unknown_organization" });
    }
    if (d.placeIds?.length) {
      const found = await exists("place", d.placeIds);
      d.placeIds.forEach((id, i) => {
        if (!found.has(id)) fields.push({ field: `placeIds.${i}`, code: "unknown_place" });
      });
    }
    if (type === "event") {
      const e = data as EventInput;
      if (e.placeId && !(await exists("place", [e.placeId])).has(e.placeId))
        fields.push({ field: "placeId", code: "unknown_place" });
      if (e.offerId && !(await exists("offer", [e.offerId])).has(e.offerId))
        fields.push({ field: "offerId", code: "unknown_offer" });
    }
    for (const key of ["imageId", "logoImageId"] as const) {
      const id = d[key];
      if (id && !(await repo.image(tx, tenantId, id))) fields.push({ field: key, code: "unknown_image" });
    }
    if (fields.length) throw AppError.validation(fields);
  }

  /** Recomputes search_text of an offer/event from its texts in every language. */
  async function refreshSearchText(tx: DbOrTx, tenantId: string, type: EntityType, id: string) {
    if (type !== "offer" && type !== "event") return;
    const matrix = await deps.translations.matrix(tenantId, type, [id], CONTENT_LANGUAGES, tx);
    const texts: string[] = [];
    for (const [field, byLang] of Object.entries(matrix.get(id) ?? {})) {
      for (const cell of Object.values(byLang)) {
        if (!cell.text || cell.status === "missing") continue;
        texts.push(RICH_TEXT_FIELDS.has(field) ? plainTextOf(cell.text) : cell.text);
      }
    }
    await repo.setSearchText(tx, type, tenantId, id, searchTextOf(texts));
  }

  /** Publishes data into the entry row (insert or compare-and-set), with links, texts and search text. */
  async function applyPublished(
    tx: DbOrTx,
    entityId: string,
    prepared: PreparedEntry,
    opts: { expectedVersion: number | null; actorUserId: string | null },
  ): Promise<AnyEntryRow> {
    const { tenantId, type, data, areaId } = prepared;
    await checkLocal(tx, prepared);
    const values = { ...dataToRow(type, data, { areaId }), status: "published", lastCheckedAt: now() };
    const existing = await repo.entry(tx, type, tenantId, entityId);
    let row: AnyEntryRow | undefined;
    if (existing) {
      if (opts.expectedVersion !== null && opts.expectedVersion !== existing.version)
        throw AppError.versionConflict(existing.version);
      row = await repo.updateEntryIfVersion(tx, type, tenantId, entityId, existing.version, values, now());
      if (!row) throw AppError.versionConflict();
    } else {
      row = await repo.insertEntry(tx, type, {
        tenantId,
        id: entityId,
        ...values,
        createdAt: now(),
        updatedAt: now(),
      });
    }
    const d = data as Partial<OfferInput>;
    if (type !== "place") await repo.replaceTerms(tx, tenantId, type, entityId, d.termIds ?? []);
    if (type === "offer") await repo.replaceOfferPlaces(tx, tenantId, entityId, d.placeIds ?? []);
    const entity = { tenantId, entityType: type, entityId };
    for (const field of TRANSLATED_FIELDS[type]) {
      const value = (data as Record<string, unknown>)[field];
      if (typeof value === "string" && value.trim()) {
        await deps.translations.setSource(entity, field, value, { db: tx, actorUserId: opts.actorUserId });
      } else {
        await deps.translations.clearField(entity, field, tx);
      }
    }
    await refreshSearchText(tx, tenantId, type, entityId);
    await scheduleReminders(tenantId, tx);
    return row;
  }

  async function loadEntry(tx: DbOrTx, tenantId: string, type: EntityType, id: string): Promise<AnyEntryRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await repo.entry(tx, type, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function loadRevision(tx: DbOrTx, tenantId: string, id: string): Promise<RevisionRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const r = await repo.revision(tx, tenantId, id);
    if (!r) throw AppError.notFound();
    return r;
  }

  function audit(
    tx: DbOrTx,
    actor: Actor,
    action: string,
    type: EntityType,
    entityId: string,
    changes: Record<string, { old: unknown; new: unknown }>,
    requestId?: string,
  ) {
    // Ids and field names only: entries carry contact persons' names and numbers.
    return deps.audit.record(
      { actor, action, entityType: type, entityId, changes, requestId: requestId ?? null },
      tx,
    );
  }

  /** Publishes an open revision (in the caller's transaction; `prepared` made from its data before). */
  async function publishRevision(
    tx: DbOrTx,
    principal: Principal,
    rev: RevisionRow,
    version: number,
    prepared: PreparedEntry,
    requestId?: string,
  ): Promise<RevisionRow> {
    const entry = await repo.entry(tx, rev.entityType, principal.tenantId, rev.entityId);
    const oldOrg = entry
      ? orgOf(rev.entityType, rev.entityId, entry as unknown as Record<string, unknown>)
      : null;
    authorize(principal, "directory.publish", scope(oldOrg));
    authorize(principal, "directory.publish", scope(orgOf(rev.entityType, rev.entityId, rev.data)));
    const data = prepared.data;
    // A never-published entry's row mirrors its draft: there is nothing older to protect.
    const expected = entry && entry.status !== "draft" ? rev.baseVersion : null;
    await applyPublished(tx, rev.entityId, prepared, {
      expectedVersion: expected,
      actorUserId: principal.userId,
    });
    const after = await repo.updateRevisionIfVersion(
      tx,
      principal.tenantId,
      rev.id,
      version,
      { status: "published", reviewedBy: principal.userId, reviewedAt: now(), data },
      now(),
    );
    if (!after) throw AppError.versionConflict(rev.version);
    await audit(
      tx,
      { kind: "user", principal },
      "directory.publish",
      rev.entityType,
      rev.entityId,
      { revision: { old: null, new: rev.id }, number: { old: null, new: rev.number } },
      requestId,
    );
    return after;
  }

  // ---- Reminders (daily job) ----

  /** Makes sure tomorrow's reminder run is queued (one job per tenant and day). */
  // A tenant created while the server runs gets its reminder run queued with it.
  deps.tenants.onCreated((tenant, tx) => scheduleReminders(tenant.id, tx));

  async function scheduleReminders(tenantId: string, tx: DbOrTx = db) {
    const runAt = nextDailyRun(now());
    await deps.jobs.enqueue(
      REMINDER_JOB,
      {},
      { tenantId, runAt, dedupeKey: `daily-${runAt.toISOString().slice(0, 10)}`, maxAttempts: 3 },
      tx,
    );
  }

  async function reviewIntervalDays(tenantId: string, tx: DbOrTx = db): Promise<number> {
    return (await repo.settings(tx, tenantId))?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS;
  }

  /**
   * Sends "please check your entries" mails for published entries not checked within the
   * tenant's interval: to the partner staff of the entry's organization, else to the
   * coordinators. One reminder per entry per interval; returns how many entries were reminded.
   */
  async function sendReminders(tenantId: string): Promise<{ entries: number; mails: number }> {
    const days = await reviewIntervalDays(tenantId);
    const cutoff = new Date(now().getTime() - days * DAY_MS);
    const due = await repo.dueForReminder(db, tenantId, cutoff, cutoff, 1000);
    if (due.length === 0) return { entries: 0, mails: 0 };
    const tenant = await deps.tenants.byId(tenantId);
    const [partners, coordinators] = await Promise.all([
      deps.users.withRole(tenantId, "partner_staff"),
      deps.users.withRole(tenantId, "coordinator"),
    ]);
    type Recipient = { email: string; lang: string | null; entries: typeof due };
    const byEmail = new Map<string, Recipient>();
    const add = (u: { email: string; preferredLanguage: string | null }, e: (typeof due)[number]) => {
      const r = byEmail.get(u.email) ?? { email: u.email, lang: u.preferredLanguage, entries: [] };
      if (!r.entries.includes(e)) r.entries.push(e);
      byEmail.set(u.email, r);
    };
    const leads = coordinators.filter((c) => c.scopeType === "tenant");
    for (const e of due) {
      const own = partners.filter((p) => p.scopeType === "organization" && p.scopeId === e.organizationId);
      for (const u of own.length ? own : leads) add(u, e);
    }
    const base = deps.config.baseUrl.replace(/\/+$/, "");
    await db.transaction(async (tx) => {
      for (const r of byEmail.values()) {
        const t = mailTranslator(r.lang);
        const lines = r.entries.map((e) => `- ${e.name}: ${base}/staff/directory/${e.type}/${e.id}`);
        await deps.mail.send(
          {
            tenantId,
            to: r.email,
            subject: t("directory.reminder_subject", { count: r.entries.length }),
            text: `${t("directory.reminder_body", { count: r.entries.length, days })}\n\n${lines.join("\n")}${automaticMailFooter(t, tenant?.name ?? "Lotse")}`,
          },
          { db: tx },
        );
      }
      for (const e of due) await repo.markReminded(tx, tenantId, e.type, e.id, now());
      await deps.audit.record(
        {
          actor: { kind: "system", tenantId },
          action: "directory.reminders_sent",
          entityType: "directory",
          changes: { entries: { old: null, new: due.length }, mails: { old: null, new: byEmail.size } },
        },
        tx,
      );
    });
    deps.logger.info({ tenantId, entries: due.length, mails: byEmail.size }, "directory reminders sent");
    return { entries: due.length, mails: byEmail.size };
  }

  deps.jobs.register(REMINDER_JOB, async (_payload, ctx) => {
    await sendReminders(ctx.tenantId);
    await scheduleReminders(ctx.tenantId);
  });

  async function listOf(
    principal: Principal,
    type: EntityType,
    filter: { status?: ListStatus | undefined; q?: string | undefined; limit?: number; offset?: number },
  ): Promise<EntryListView[]> {
    const tenantId = principal.tenantId;
    const orgs = orgsFor(principal, "directory.read");
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), MAX_LIST);
    const offset = Math.max(filter.offset ?? 0, 0);
    const q = filter.q?.trim().slice(0, 200) || undefined;
    const st = filter.status;
    let ids: string[] | undefined;
    if (st === "in_review" || st === "changes" || st === "rejected") {
      ids = await repo.entityIdsWithRevisionStatus(
        db,
        tenantId,
        type,
        st === "in_review" ? ["in_review"] : st === "changes" ? ["draft"] : ["rejected"],
      );
    }
    const entryStatus =
      st && (ENTRY_STATUSES as readonly string[]).includes(st) ? (st as EntryStatus) : undefined;
    let rows = await repo.listEntries(
      db,
      type,
      tenantId,
      { orgs, q, status: entryStatus, ...(ids ? { ids } : {}) },
      limit,
      offset,
    );
    const latest = await repo.latestRevisions(
      db,
      tenantId,
      type,
      rows.map((r) => r.id),
    );
    if (st === "rejected") rows = rows.filter((r) => latest.get(r.id)?.status === "rejected");
    const orgIds = [...new Set(rows.map((r) => r.organizationId).filter((x): x is string => !!x))];
    const orgNames = new Map(
      (await repo.listEntries(db, "organization", tenantId, { orgs: "all", ids: orgIds }, MAX_LIST, 0)).map(
        (o) => [o.id, o.name],
      ),
    );
    const cutoff = now().getTime() - (await reviewIntervalDays(tenantId)) * DAY_MS;
    return rows.map((r) => {
      const rev = latest.get(r.id);
      const pending =
        rev && (rev.status === "draft" || rev.status === "in_review" || rev.status === "rejected")
          ? { id: rev.id, status: rev.status, number: rev.number }
          : null;
      return {
        ...r,
        type,
        organizationName: r.organizationId ? (orgNames.get(r.organizationId) ?? null) : null,
        pending,
        checkDue: r.status === "published" && (r.lastCheckedAt ?? r.updatedAt).getTime() < cutoff,
      };
    });
  }

  return {
    orgsFor,

    /**
     * Parses and checks entry data against the database without writing (the import's
     * preview); the result can be passed to publishDirect().
     */
    async validateEntry(tenantId: string, type: EntityType, raw: unknown): Promise<PreparedEntry> {
      const prepared = await prepare(tenantId, type, parse(type, raw));
      await checkLocal(db, prepared);
      return prepared;
    },

    async list(
      principal: Principal,
      type: string,
      filter: { status?: string | undefined; q?: string | undefined; limit?: number; offset?: number } = {},
    ): Promise<EntryListView[]> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const status = (LIST_STATUSES as readonly string[]).includes(filter.status ?? "")
        ? (filter.status as ListStatus)
        : undefined;
      return listOf(principal, t, { ...filter, status });
    },

    /** Organizations and places the principal may link an offer or event to (for pickers). */
    async choices(principal: Principal) {
      authorize(principal, "directory.read");
      const orgs = orgsFor(principal, "directory.edit");
      const tenantId = principal.tenantId;
      const [organizations, places, offers] = await Promise.all([
        repo.listEntries(db, "organization", tenantId, { orgs }, 2000, 0),
        repo.listEntries(db, "place", tenantId, { orgs: "all" }, 5000, 0),
        repo.listEntries(db, "offer", tenantId, { orgs }, 5000, 0),
      ]);
      const slim = (r: EntryListItem) => ({ id: r.id, name: r.name, organizationId: r.organizationId });
      return {
        organizations: organizations.filter((r) => r.status !== "archived").map(slim),
        places: places.filter((r) => r.status !== "archived").map(slim),
        offers: offers.filter((r) => r.status !== "archived").map(slim),
      };
    },

    async get(principal: Principal, type: string, id: string): Promise<EntryView> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const row = await loadEntry(db, principal.tenantId, t, id);
      const data = await currentData(db, principal.tenantId, t, row);
      const org = orgOf(t, row.id, data);
      authorize(principal, "directory.read", scope(org));
      const latest = (await repo.latestRevisions(db, principal.tenantId, t, [row.id])).get(row.id);
      const open = latest && (latest.status === "draft" || latest.status === "in_review") ? latest : null;
      return {
        type: t,
        id: row.id,
        status: row.status,
        version: row.version,
        organizationId: org,
        lastCheckedAt: row.lastCheckedAt,
        updatedAt: row.updatedAt,
        data,
        areaId: t === "place" ? (row as PlaceRow).areaId : null,
        openRevision: open ? { ...revisionView(open), data: open.data as EntryData } : null,
        rejectedRevision: latest?.status === "rejected" ? revisionView(latest) : null,
        canEdit: can(principal, "directory.edit", scope(org)),
        canPublish: can(principal, "directory.publish", scope(org)),
      };
    },

    /**
     * Saves an edit as a draft revision: a new entry (entityId null), a new revision of an
     * entry (revisionId null; `version` = the entry version read), or a change to the open
     * revision (`version` = the revision version read). Someone else's newer save is a version
     * conflict and nothing is overwritten. `publishNow` (directory.publish) publishes at once.
     */
    async save(
      principal: Principal,
      type: string,
      entityId: string | null,
      raw: unknown,
      options: SaveOptions,
    ): Promise<SaveResult> {
      authorize(principal, "directory.edit");
      const t = assertType(type);
      const optsParsed = saveOptionsSchema.safeParse(options);
      if (!optsParsed.success) throw validationError(optsParsed.error.issues);
      const opts = optsParsed.data;
      const data = parse(t, raw);
      const tenantId = principal.tenantId;
      const actor: Actor = { kind: "user", principal };
      const prepared = await prepare(tenantId, t, data);
      return db.transaction(async (tx) => {
        const id = entityId ?? uuidv7(now().getTime());
        const newOrg = orgOf(t, id, data);
        authorize(principal, "directory.edit", scope(newOrg));
        if (opts.publishNow) authorize(principal, "directory.publish", scope(newOrg));
        await checkLocal(tx, prepared);
        const { areaId } = prepared;
        let rev: RevisionRow;
        let changedFields: string[];
        if (entityId === null) {
          if (opts.version !== 0 || opts.revisionId) throw AppError.versionConflict();
          await repo.insertEntry(tx, t, {
            tenantId,
            id,
            ...dataToRow(t, data, { areaId }),
            status: "draft",
            createdAt: now(),
            updatedAt: now(),
          });
          rev = await repo.insertRevision(tx, {
            tenantId,
            entityType: t,
            entityId: id,
            number: 1,
            status: "draft",
            data: data as Record<string, unknown>,
            organizationId: newOrg,
            authorId: principal.userId,
            baseVersion: null,
            createdAt: now(),
            updatedAt: now(),
          });
          changedFields = Object.keys(data);
        } else {
          const entry = await loadEntry(tx, tenantId, t, entityId);
          const before = await currentData(tx, tenantId, t, entry);
          authorize(principal, "directory.edit", scope(orgOf(t, entityId, before)));
          if (entry.status === "archived") throw new AppError("conflict");
          const [open] = await repo.openRevisions(tx, tenantId, t, [entityId]);
          if (opts.revisionId) {
            if (!open || open.id !== opts.revisionId) throw AppError.versionConflict(open?.version);
            if (open.version !== opts.version) throw AppError.versionConflict(open.version);
            const updated = await repo.updateRevisionIfVersion(
              tx,
              tenantId,
              open.id,
              opts.version,
              {
                data: data as Record<string, unknown>,
                status: "draft",
                submittedAt: null,
                organizationId: newOrg,
                authorId: principal.userId,
              },
              now(),
            );
            if (!updated) throw AppError.versionConflict(open.version);
            rev = updated;
            changedFields = diffData(open.data, data as Record<string, unknown>).map((c) => c.field);
          } else {
            if (open) throw AppError.versionConflict(open.version);
            if (entry.version !== opts.version) throw AppError.versionConflict(entry.version);
            rev = await repo.insertRevision(tx, {
              tenantId,
              entityType: t,
              entityId,
              number: await repo.nextRevisionNumber(tx, tenantId, t, entityId),
              status: "draft",
              data: data as Record<string, unknown>,
              organizationId: newOrg,
              authorId: principal.userId,
              baseVersion: entry.version,
              createdAt: now(),
              updatedAt: now(),
            });
            changedFields = diffData(before as Record<string, unknown>, data as Record<string, unknown>).map(
              (c) => c.field,
            );
          }
          // A never-published entry shows its latest draft in lists.
          if (entry.status === "draft") {
            const synced = await repo.updateEntryIfVersion(
              tx,
              t,
              tenantId,
              entityId,
              entry.version,
              dataToRow(t, data, { areaId }),
              now(),
            );
            if (!synced) throw AppError.versionConflict();
          }
        }
        await audit(
          tx,
          actor,
          "directory.save_draft",
          t,
          id,
          { revision: { old: null, new: rev.id }, fields: { old: null, new: changedFields } },
          options.requestId,
        );
        if (opts.publishNow) {
          rev = await publishRevision(tx, principal, rev, rev.version, prepared, options.requestId);
          return { entityId: id, revision: revisionView(rev), published: true };
        }
        return { entityId: id, revision: revisionView(rev), published: false };
      });
    },

    /** Draft → in review. */
    async submit(principal: Principal, revisionId: string, version: number, requestId?: string) {
      authorize(principal, "directory.edit");
      return db.transaction(async (tx) => {
        const rev = await loadRevision(tx, principal.tenantId, revisionId);
        authorize(principal, "directory.edit", scope(rev.organizationId));
        if (rev.status !== "draft") throw new AppError("conflict");
        const after = await repo.updateRevisionIfVersion(
          tx,
          principal.tenantId,
          rev.id,
          version,
          { status: "in_review", submittedAt: now() },
          now(),
        );
        if (!after) throw AppError.versionConflict(rev.version);
        await audit(
          tx,
          { kind: "user", principal },
          "directory.submit",
          rev.entityType,
          rev.entityId,
          { revision: { old: null, new: rev.id } },
          requestId,
        );
        return revisionView(after);
      });
    },

    /** In review → published: the data goes public. */
    async publish(principal: Principal, revisionId: string, version: number, requestId?: string) {
      authorize(principal, "directory.publish");
      const before = await loadRevision(db, principal.tenantId, revisionId);
      if (before.version !== version) throw AppError.versionConflict(before.version);
      const prepared = await prepare(
        principal.tenantId,
        before.entityType,
        parse(before.entityType, before.data),
      );
      return db.transaction(async (tx) => {
        const rev = await loadRevision(tx, principal.tenantId, revisionId);
        // The data prepared above is this version's: a newer save is a conflict.
        if (rev.version !== before.version) throw AppError.versionConflict(rev.version);
        if (rev.status !== "in_review") throw new AppError("conflict");
        return revisionView(await publishRevision(tx, principal, rev, version, prepared, requestId));
      });
    },

    /** In review → rejected, with a note for the author. */
    async reject(
      principal: Principal,
      revisionId: string,
      version: number,
      note: string,
      requestId?: string,
    ) {
      authorize(principal, "directory.publish");
      const parsedNote = reviewNoteSchema.safeParse(note);
      if (!parsedNote.success) throw validationError(parsedNote.error.issues, "note");
      return db.transaction(async (tx) => {
        const rev = await loadRevision(tx, principal.tenantId, revisionId);
        authorize(principal, "directory.publish", scope(rev.organizationId));
        if (rev.status !== "in_review") throw new AppError("conflict");
        const after = await repo.updateRevisionIfVersion(
          tx,
          principal.tenantId,
          rev.id,
          version,
          {
            status: "rejected",
            reviewedBy: principal.userId,
            reviewedAt: now(),
            reviewNote: parsedNote.data,
          },
          now(),
        );
        if (!after) throw AppError.versionConflict(rev.version);
        await audit(
          tx,
          { kind: "user", principal },
          "directory.reject",
          rev.entityType,
          rev.entityId,
          { revision: { old: null, new: rev.id } },
          requestId,
        );
        return revisionView(after);
      });
    },

    /** Drops an open revision (draft or in review); the published entry stays as it is. */
    async withdraw(principal: Principal, revisionId: string, version: number, requestId?: string) {
      authorize(principal, "directory.edit");
      return db.transaction(async (tx) => {
        const rev = await loadRevision(tx, principal.tenantId, revisionId);
        authorize(principal, "directory.edit", scope(rev.organizationId));
        if (rev.status !== "draft" && rev.status !== "in_review") throw new AppError("conflict");
        const after = await repo.updateRevisionIfVersion(
          tx,
          principal.tenantId,
          rev.id,
          version,
          { status: "withdrawn" },
          now(),
        );
        if (!after) throw AppError.versionConflict(rev.version);
        await audit(
          tx,
          { kind: "user", principal },
          "directory.withdraw",
          rev.entityType,
          rev.entityId,
          { revision: { old: null, new: rev.id } },
          requestId,
        );
        return revisionView(after);
      });
    },

    /** Takes a published entry off the public site (kept for history). */
    async archive(principal: Principal, type: string, id: string, version: number, requestId?: string) {
      authorize(principal, "directory.publish");
      const t = assertType(type);
      return db.transaction(async (tx) => {
        const row = await loadEntry(tx, principal.tenantId, t, id);
        authorize(
          principal,
          "directory.publish",
          scope(orgOf(t, id, row as unknown as Record<string, unknown>)),
        );
        const after = await repo.updateEntryIfVersion(
          tx,
          t,
          principal.tenantId,
          id,
          version,
          { status: "archived" },
          now(),
        );
        if (!after) throw AppError.versionConflict(row.version);
        await audit(
          tx,
          { kind: "user", principal },
          "directory.archive",
          t,
          id,
          { status: { old: row.status, new: "archived" } },
          requestId,
        );
        return { version: after.version };
      });
    },

    /** "Still correct": sets the last-checked date. */
    async confirmChecked(principal: Principal, type: string, id: string, requestId?: string) {
      authorize(principal, "directory.edit");
      const t = assertType(type);
      return db.transaction(async (tx) => {
        const row = await loadEntry(tx, principal.tenantId, t, id);
        authorize(
          principal,
          "directory.edit",
          scope(orgOf(t, id, row as unknown as Record<string, unknown>)),
        );
        const at = now();
        await repo.setLastChecked(tx, t, principal.tenantId, id, at);
        await audit(
          tx,
          { kind: "user", principal },
          "directory.check",
          t,
          id,
          { lastCheckedAt: { old: row.lastCheckedAt, new: at } },
          requestId,
        );
        return { lastCheckedAt: at };
      });
    },

    /** The version history of an entry, newest first. */
    async revisions(principal: Principal, type: string, id: string): Promise<RevisionView[]> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const row = await loadEntry(db, principal.tenantId, t, id);
      authorize(principal, "directory.read", scope(orgOf(t, id, row as unknown as Record<string, unknown>)));
      return (await repo.revisionsOf(db, principal.tenantId, t, id)).map(revisionView);
    },

    /** One revision with its data, the entry as published now, and what the revision changes. */
    async revision(principal: Principal, revisionId: string) {
      authorize(principal, "directory.read");
      const rev = await loadRevision(db, principal.tenantId, revisionId);
      const row = await repo.entry(db, rev.entityType, principal.tenantId, rev.entityId);
      const current =
        row && row.status !== "draft" ? await currentData(db, principal.tenantId, rev.entityType, row) : null;
      const org = current ? orgOf(rev.entityType, rev.entityId, current) : rev.organizationId;
      authorize(principal, "directory.read", scope(org));
      authorize(principal, "directory.read", scope(rev.organizationId));
      return {
        revision: revisionView(rev),
        data: rev.data as EntryData,
        current: current as EntryData | null,
        entryVersion: row?.version ?? null,
        changes: diffData(current as Record<string, unknown> | null, rev.data),
        canPublish: can(principal, "directory.publish", scope(rev.organizationId)),
        canEdit: can(principal, "directory.edit", scope(rev.organizationId)),
      };
    },

    /** Revisions waiting for review (directory.publish), oldest first. */
    async reviewQueue(principal: Principal): Promise<RevisionView[]> {
      authorize(principal, "directory.publish");
      const orgs = orgsFor(principal, "directory.publish");
      return (await repo.revisionsByStatus(db, principal.tenantId, "in_review", orgs, 500)).map(revisionView);
    },

    /**
     * Publishes data directly, without review: for the import and the demo seed. Writes a
     * revision that is already published, keeps existing translations (German changes mark
     * them outdated) and sets search_text. Optional translations are written too.
     */
    async publishDirect(
      actor: Actor,
      type: EntityType,
      raw: unknown | PreparedEntry,
      opts: {
        entityId?: string;
        translations?: Partial<Record<string, Partial<Record<string, string>>>>;
        translationStatus?: SettableStatus;
      } = {},
    ): Promise<{ entityId: string; revisionId: string }> {
      if (actor.kind === "user") authorize(actor.principal, "directory.import");
      const tenantId = actor.kind === "user" ? actor.principal.tenantId : actor.tenantId;
      const actorUserId = actor.kind === "user" ? actor.principal.userId : null;
      const t = assertType(type);
      let prepared: PreparedEntry;
      if (isPrepared(raw)) {
        if (raw.tenantId !== tenantId || raw.type !== t)
          throw AppError.validation([{ field: "_", code: "invalid" }]);
        prepared = raw;
      } else {
        prepared = await prepare(tenantId, t, parse(t, raw));
      }
      const data = prepared.data;
      const run = async (tx: DbOrTx) => {
        const id = opts.entityId ?? uuidv7(now().getTime());
        if (!isUuid(id)) throw AppError.validation([{ field: "id", code: "invalid" }]);
        const [open] = await repo.openRevisions(tx, tenantId, t, [id]);
        if (open) throw AppError.versionConflict(open.version);
        await applyPublished(tx, id, prepared, { expectedVersion: null, actorUserId });
        const rev = await repo.insertRevision(tx, {
          tenantId,
          entityType: t,
          entityId: id,
          number: await repo.nextRevisionNumber(tx, tenantId, t, id),
          status: "published",
          data: data as Record<string, unknown>,
          organizationId: orgOf(t, id, data),
          authorId: actorUserId,
          reviewedBy: actorUserId,
          reviewedAt: now(),
          createdAt: now(),
          updatedAt: now(),
        });
        const entity = { tenantId, entityType: t, entityId: id };
        for (const [lang, fields] of Object.entries(opts.translations ?? {})) {
          for (const [field, text] of Object.entries(fields ?? {})) {
            if (!text || !(TRANSLATED_FIELDS[t] as readonly string[]).includes(field)) continue;
            await deps.translations.setTranslation(
              entity,
              field,
              lang,
              RICH_TEXT_FIELDS.has(field) ? sanitizeRichText(text) : text,
              opts.translationStatus ?? "reviewed",
              { db: tx, actorUserId },
            );
          }
        }
        if (opts.translations) await refreshSearchText(tx, tenantId, t, id);
        await audit(tx, actor, "directory.publish_direct", t, id, { revision: { old: null, new: rev.id } });
        return { entityId: id, revisionId: rev.id };
      };
      // Joins the caller's transaction when one is open (the import's all-or-nothing commit).
      return db.transaction(run);
    },

    // ---- Translations ----

    /** Every language's text and status of an entry's translated fields. */
    async translationsOf(
      principal: Principal,
      type: string,
      id: string,
    ): Promise<{ fields: string[]; cells: Record<string, Record<string, TranslationCell>> }> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const row = await loadEntry(db, principal.tenantId, t, id);
      authorize(principal, "directory.read", scope(orgOf(t, id, row as unknown as Record<string, unknown>)));
      const matrix = await deps.translations.matrix(principal.tenantId, t, [id], CONTENT_LANGUAGES);
      const cells = matrix.get(id) ?? {};
      const fields = TRANSLATED_FIELDS[t].filter((f) => cells[f]?.[CONTENT_SOURCE_LANGUAGE]?.text);
      return { fields, cells };
    },

    /** Writes one language of one text field (not German: German changes go through review). */
    async setTranslation(
      principal: Principal,
      type: string,
      id: string,
      input: { field: string; lang: string; text: string; status: SettableStatus; version: number },
      requestId?: string,
    ) {
      authorize(principal, "directory.translate");
      const t = assertType(type);
      if (!(TRANSLATED_FIELDS[t] as readonly string[]).includes(input.field))
        throw AppError.validation([{ field: "field", code: "invalid_choice" }]);
      if (!isContentLanguage(input.lang) || input.lang === CONTENT_SOURCE_LANGUAGE)
        throw AppError.validation([{ field: "lang", code: "invalid_choice" }]);
      const text = RICH_TEXT_FIELDS.has(input.field)
        ? sanitizeRichText(input.text ?? "")
        : (input.text ?? "");
      return db.transaction(async (tx) => {
        const row = await loadEntry(tx, principal.tenantId, t, id);
        authorize(
          principal,
          "directory.translate",
          scope(orgOf(t, id, row as unknown as Record<string, unknown>)),
        );
        const saved = await deps.translations.setTranslation(
          { tenantId: principal.tenantId, entityType: t, entityId: id },
          input.field,
          input.lang,
          text,
          input.status,
          { db: tx, actorUserId: principal.userId, expectedVersion: input.version },
        );
        await refreshSearchText(tx, principal.tenantId, t, id);
        await audit(
          tx,
          { kind: "user", principal },
          "directory.translate",
          t,
          id,
          { [`${input.field}.${input.lang}`]: { old: null, new: saved.status } },
          requestId,
        );
        return {
          lang: saved.lang,
          field: saved.field,
          status: saved.status as TranslationStatus,
          version: saved.version,
        };
      });
    },

    /**
     * Per language: counts per entry type (from the translations module), and the entries
     * whose fields are missing or outdated in that language.
     */
    async translationOverview(principal: Principal, lang: string) {
      authorize(principal, "directory.translate");
      if (!isContentLanguage(lang) || lang === CONTENT_SOURCE_LANGUAGE) throw AppError.notFound();
      const tenantId = principal.tenantId;
      const counts = (await deps.translations.overview(tenantId, lang as ContentLanguage)).filter((c) =>
        isEntityType(c.entityType),
      );
      const orgs = orgsFor(principal, "directory.translate");
      const items: {
        type: EntityType;
        id: string;
        name: string;
        status: EntryStatus;
        fields: { field: string; status: TranslationStatus }[];
      }[] = [];
      for (const type of ENTITY_TYPES) {
        const rows = (await repo.listEntries(db, type, tenantId, { orgs }, 1000, 0)).filter(
          (r) => r.status === "published",
        );
        const matrix = await deps.translations.matrix(
          tenantId,
          type,
          rows.map((r) => r.id),
          [CONTENT_SOURCE_LANGUAGE, lang as ContentLanguage],
        );
        for (const r of rows) {
          const cells = matrix.get(r.id) ?? {};
          const fields: { field: string; status: TranslationStatus }[] = [];
          for (const field of TRANSLATED_FIELDS[type]) {
            if (!cells[field]?.[CONTENT_SOURCE_LANGUAGE]?.text) continue;
            const st = cells[field]?.[lang]?.status ?? "missing";
            if (st === "missing" || st === "outdated") fields.push({ field, status: st });
          }
          if (fields.length) items.push({ type, id: r.id, name: r.name, status: r.status, fields });
        }
      }
      return { lang: lang as ContentLanguage, counts, items };
    },

    // ---- Images ----

    /** Stores an uploaded logo or offer picture after checking its bytes (not its name). */
    async uploadImage(
      principal: Principal,
      bytes: Uint8Array,
      opts: { alt?: string | null; requestId?: string } = {},
    ): Promise<{ id: string; mimeType: string; width: number; height: number; byteSize: number }> {
      authorize(principal, "directory.edit");
      const info = inspectImage(bytes);
      if (!info.ok) throw AppError.validation([{ field: "image", code: info.code }]);
      const alt = z.string().trim().max(300).nullish().safeParse(opts.alt);
      if (!alt.success) throw validationError(alt.error.issues, "alt");
      return db.transaction(async (tx) => {
        const row = await repo.insertImage(tx, {
          tenantId: principal.tenantId,
          mimeType: info.mimeType,
          bytes: Buffer.from(bytes),
          byteSize: bytes.byteLength,
          width: info.width,
          height: info.height,
          alt: alt.data || null,
          createdAt: now(),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "directory.image_upload",
            entityType: "directory_image",
            entityId: row.id,
            changes: {
              byteSize: { old: null, new: row.byteSize },
              mimeType: { old: null, new: row.mimeType },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return {
          id: row.id,
          mimeType: row.mimeType,
          width: row.width,
          height: row.height,
          byteSize: row.byteSize,
        };
      });
    },

    /** An image for the public site (ids are unguessable; images are public content). */
    async image(tenantId: string, id: string) {
      if (!isUuid(id)) throw AppError.notFound();
      const row = await repo.image(db, tenantId, id);
      if (!row) throw AppError.notFound();
      return row;
    },

    // ---- Settings and reminders ----

    async settings(principal: Principal) {
      authorize(principal, "directory.read");
      const row = await repo.settings(db, principal.tenantId);
      return {
        reviewIntervalDays: row?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS,
        version: row?.version ?? 0,
      };
    },

    async updateSettings(
      principal: Principal,
      input: { reviewIntervalDays: number; version: number },
      requestId?: string,
    ) {
      authorize(principal, "directory.publish");
      if (!can(principal, "directory.publish", {})) throw AppError.forbidden();
      const days = intervalSchema.safeParse(input.reviewIntervalDays);
      if (!days.success) throw validationError(days.error.issues, "reviewIntervalDays");
      return db.transaction(async (tx) => {
        const before = await repo.settings(tx, principal.tenantId);
        if ((before?.version ?? 0) !== input.version) throw AppError.versionConflict(before?.version ?? 0);
        const row = await repo.saveSettings(tx, principal.tenantId, input.version, days.data, now());
        if (!row) throw AppError.versionConflict();
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "directory.settings",
            entityType: "directory_settings",
            changes: {
              reviewIntervalDays: {
                old: before?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS,
                new: row.reviewIntervalDays,
              },
            },
            requestId: requestId ?? null,
          },
          tx,
        );
        await scheduleReminders(principal.tenantId, tx);
        return { reviewIntervalDays: row.reviewIntervalDays, version: row.version };
      });
    },

    /** The reminder run of one tenant (the daily job calls it; tests call it directly). */
    sendReminders,
    scheduleReminders: (tenantId: string) => scheduleReminders(tenantId),
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
