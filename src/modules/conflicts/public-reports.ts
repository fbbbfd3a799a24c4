import { isPublicLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type {
  AcceptPublicReport,
  MergeInput,
  PublicFormInput,
  PublicReportInput,
  PublicReportView,
  RejectPublicReport,
} from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import {
  DUPLICATE_WINDOW_DAYS,
  PENDING_RETENTION_DAYS,
  PUBLIC_REPORTS_PER_HOUR,
  REJECTED_RETENTION_DAYS,
  similarKinds,
} from "./model.ts";
import { pendingEraseOn, pendingRetentionDays } from "./public-report-privacy.ts";
import { publicReportRepo } from "./public-report-repo.ts";
import { conflictRepo } from "./repo.ts";
import { settleAddresses } from "./reports.ts";
import {
  type ConflictCrypto,
  createNamer,
  fieldError,
  newReference,
  sendAcknowledgement,
  serviceLevelOf,
} from "./shared.ts";
import { dueAt, localDate } from "./sla.ts";

const HOUR = 3_600_000;
const QUEUE_LIMIT = 100;
const ENTITY = "conflict_public_report";

type SettingsRow = Awaited<ReturnType<typeof publicReportRepo.settings>>;
const settingView = (s: SettingsRow) => ({
  enabled: s?.publicForm ?? false,
  pendingRetentionDays: s?.pendingRetentionDays ?? PENDING_RETENTION_DAYS,
  version: s?.version ?? 0,
});

type Merge = (principal: Principal, id: string, input: MergeInput, requestId?: string) => Promise<unknown>;

/**
 * The open public report form and its moderation queue (issue 20, 1; decision 120). A resident
 * reports without an account when the tenant switched the form on; the report waits, encrypted,
 * until the contact point accepts it (a new conflict, or merged into an open one) or rejects it
 * with a reason. Honeypot and an hourly limit per client address; nothing of the content is logged.
 */
export function createPublicReports(deps: ConflictDeps, crypto: ConflictCrypto, merge: Merge) {
  const { db } = deps;
  const namer = createNamer(deps);

  async function enabled(tenantId: string): Promise<boolean> {
    return (await publicReportRepo.settings(db, tenantId))?.publicForm ?? false;
  }

  async function loadPending(tenantId: string, id: string, version: number) {
    // A form can send any id; one that is no uuid is no report (and no database error).
    const r = isUuid(id) ? await publicReportRepo.byId(db, tenantId, id) : undefined;
    if (!r) throw AppError.notFound();
    if (r.state !== "pending" || r.version !== version) throw AppError.versionConflict(r.version);
    return r;
  }

  return {
    /** The public page: the areas to choose from, or null when the tenant has the form off. */
    async publicForm(tenantId: string) {
      if (!(await enabled(tenantId))) return null;
      return { areas: (await deps.areas.list(tenantId)).map((a) => ({ id: a.id, name: a.name })) };
    },

    /** Whether the public site links the form (its navigation asks on every page: one key lookup). */
    publicFormOn: enabled,

    async publicFormSetting(principal: Principal) {
      authorize(principal, "conflicts.posts");
      return settingView(await publicReportRepo.settings(db, principal.tenantId));
    },

    async setPublicForm(principal: Principal, input: PublicFormInput, requestId?: string) {
      authorize(principal, "conflicts.posts");
      return db.transaction(async (tx) => {
        const before = await publicReportRepo.settings(tx, principal.tenantId);
        const saved = await publicReportRepo.saveSettings(
          tx,
          principal.tenantId,
          input.version,
          { publicForm: input.enabled, pendingRetentionDays: input.pendingRetentionDays },
          deps.clock.now(),
        );
        if (!saved) throw AppError.versionConflict(before?.version ?? 0);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: "conflict_settings",
            entityId: principal.tenantId,
            changes: {
              publicForm: { old: before?.publicForm ?? false, new: saved.publicForm },
              pendingRetentionDays: {
                old: before?.pendingRetentionDays ?? PENDING_RETENTION_DAYS,
                new: saved.pendingRetentionDays,
              },
            },
            requestId: requestId ?? null,
          },
          tx,
        );
        return settingView(saved);
      });
    },

    /**
     * A resident's report. Refused (404) while the form is off; a filled honeypot gets a receipt
     * without a status link and nothing is stored; more than PUBLIC_REPORTS_PER_HOUR from one
     * client address is 429. The acknowledgement mail carries the status link.
     */
    async submitPublic(
      tenantId: string,
      input: PublicReportInput,
      from: { language: string; clientIp: string | undefined },
    ): Promise<{ reference: string; statusToken: string | null }> {
      if (!(await enabled(tenantId))) throw AppError.notFound();
      if (input.website) {
        deps.logger.info({ tenantId }, "conflict public report honeypot filled, dropped");
        return { reference: newReference(), statusToken: null };
      }
      const now = deps.clock.now();
      const sourceKey = sha256Hex(`conflict-public-report:${tenantId}:${from.clientIp ?? "-"}`);
      if (
        (await publicReportRepo.countFromSource(db, tenantId, sourceKey, new Date(now.getTime() - HOUR))) >=
        PUBLIC_REPORTS_PER_HOUR
      )
        throw new AppError("too_many_requests", {
          params: { minutes: 60 },
          extra: { retryAfterMinutes: 60 },
        });
      const areas = await deps.areas.list(tenantId);
      if (!areas.some((a) => a.id === input.areaId)) throw fieldError("areaId", "conflict_unknown_area");
      const settled = settleAddresses(input);
      const language = isPublicLanguage(from.language) ? from.language : SOURCE_LANGUAGE;
      const statusToken = randomToken(24);
      const row = await db.transaction(async (tx) => {
        const r = await publicReportRepo.insert(tx, {
          tenantId,
          reference: newReference(),
          areaId: input.areaId,
          place: settled.place,
          kind: input.kind,
          urgency: input.urgency,
          parties: input.parties,
          descriptionEnc: crypto.encrypt(settled.description),
          triedEnc: crypto.encryptOptional(input.tried),
          protectedEnc: crypto.encryptOptional(settled.protectedDetails),
          reporterEmailEnc: crypto.encryptOptional(input.reporterEmail),
          language,
          statusTokenHash: sha256Hex(statusToken),
          sourceKey,
          receivedAt: now,
        });
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "create",
            entityType: ENTITY,
            entityId: r.id,
            changes: { kind: { old: null, new: r.kind } },
          },
          tx,
        );
        return r;
      });
      if (input.reporterEmail)
        await sendAcknowledgement(
          deps,
          {
            tenantId,
            to: input.reporterEmail,
            language,
            linkLang: language,
            reference: row.reference,
            statusToken,
          },
          "conflicts.public_ack_mail_text",
        );
      return { reference: row.reference, statusToken };
    },

    /** How many reports wait: the queue's link says so without reading any of them. */
    async pendingCount(principal: Principal) {
      authorize(principal, "conflicts.handle");
      return publicReportRepo.countPending(db, principal.tenantId);
    },

    /**
     * The moderation queue, oldest first, each with open conflicts it may duplicate (same area,
     * kind family, a week either side). Every report shown is one audited read.
     */
    async moderationQueue(principal: Principal, requestId?: string): Promise<PublicReportView[]> {
      authorize(principal, "conflicts.handle");
      const tenantId = principal.tenantId;
      const [rows, names, days] = await Promise.all([
        publicReportRepo.pending(db, tenantId, QUEUE_LIMIT),
        namer(tenantId),
        pendingRetentionDays(deps, tenantId),
      ]);
      if (rows.length === 0) return [];
      const window = DUPLICATE_WINDOW_DAYS * 86_400_000;
      const duplicates = await Promise.all(
        rows.map((r) =>
          conflictRepo.similarOpen(db, tenantId, {
            areaId: r.areaId,
            kinds: similarKinds(r.kind),
            from: new Date(r.receivedAt.getTime() - window),
            to: new Date(r.receivedAt.getTime() + window),
            exceptId: r.id,
          }),
        ),
      );
      await deps.audit.recordReads(
        principal,
        rows.map((r) => ({ entityType: ENTITY, entityId: r.id, exposed: { moderation: [r.id] } })),
        { requestId: requestId ?? null },
      );
      return rows.map((r, i) => ({
        id: r.id,
        reference: r.reference,
        receivedAt: r.receivedAt.toISOString(),
        areaId: r.areaId,
        areaName: names.area(r.areaId),
        place: r.place,
        kind: r.kind,
        urgency: r.urgency,
        parties: r.parties,
        description: crypto.decrypt(r.descriptionEnc),
        tried: crypto.decryptOptional(r.triedEnc),
        protectedDetails: crypto.decryptOptional(r.protectedEnc),
        hasEmail: r.reporterEmailEnc !== null,
        language: r.language,
        eraseOn: pendingEraseOn(r.receivedAt, days),
        version: r.version,
        duplicates: (duplicates[i] ?? [])
          .slice(0, 5)
          .map((d) => ({ id: d.id, reference: d.reference, kind: d.kind, state: d.state })),
      }));
    },

    /**
     * Accepting: the report becomes a conflict (channel `public_form`, reported when it was
     * received, the service-level clock from then) under the same reference and status link, and
     * leaves the queue. With `intoId` it is merged into that open conflict in the same
     * transaction (decision 113); a refused merge leaves the report waiting.
     */
    async acceptPublic(principal: Principal, id: string, input: AcceptPublicReport, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const tenantId = principal.tenantId;
      await loadPending(tenantId, id, input.version);
      return db.transaction(async (tx) => {
        const r = await publicReportRepo.takePending(tx, tenantId, id, input.version);
        if (!r) throw AppError.versionConflict();
        const created = await conflictRepo.insert(tx, {
          tenantId,
          reference: r.reference,
          channel: "public_form",
          postId: null,
          areaId: r.areaId,
          place: r.place,
          kind: r.kind,
          urgency: r.urgency,
          parties: r.parties,
          descriptionEnc: r.descriptionEnc,
          triedEnc: r.triedEnc,
          protectedEnc: r.protectedEnc,
          reporterEmailEnc: r.reporterEmailEnc,
          statusTokenHash: r.statusTokenHash,
          reportedAt: r.receivedAt,
          dueAt: dueAt(r.receivedAt, serviceLevelOf(r.kind), r.urgency === "urgent"),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "accept",
            entityType: ENTITY,
            entityId: r.id,
            changes: { conflictId: { old: null, new: created.id } },
            requestId: requestId ?? null,
          },
          tx,
        );
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "conflict",
            entityId: created.id,
            changes: {
              kind: { old: null, new: created.kind },
              channel: { old: null, new: created.channel },
              publicReportId: { old: null, new: r.id },
            },
            requestId: requestId ?? null,
          },
          tx,
        );
        if (input.intoId)
          await merge(principal, created.id, { version: created.version, intoId: input.intoId }, requestId);
        return { id: created.id, reference: created.reference, mergedIntoId: input.intoId };
      });
    },

    /** Rejecting with a reason: kept for REJECTED_RETENTION_DAYS, then deleted by the daily job. */
    async rejectPublic(principal: Principal, id: string, input: RejectPublicReport, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const tenantId = principal.tenantId;
      await loadPending(tenantId, id, input.version);
      const now = deps.clock.now();
      const due = new Date(now.getTime() + REJECTED_RETENTION_DAYS * 86_400_000);
      return db.transaction(async (tx) => {
        const r = await publicReportRepo.reject(tx, tenantId, id, input.version, {
          rejectedAt: now,
          rejectedByUserId: principal.userId,
          rejectReasonEnc: crypto.encrypt(input.reason),
          retentionDueOn: localDate(due),
        });
        if (!r) throw AppError.versionConflict();
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "reject",
            entityType: ENTITY,
            entityId: id,
            changes: { state: { old: "pending", new: "rejected" } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return { id: r.id, state: r.state, retentionDueOn: r.retentionDueOn };
      });
    },
  };
}
