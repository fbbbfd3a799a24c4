import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { enqueueAgreementPdf } from "./agreement-files.ts";
import type {
  AddSignatory,
  AgreementStateChange,
  CreateAgreement,
  PublishAgreement,
  UpdateAgreement,
} from "./agreements.contracts.ts";
import {
  type AgreementSummary,
  type AgreementView,
  agreementEditable,
  canMoveAgreement,
  reviewDueSoon,
} from "./agreements.model.ts";
import { type AgreementRow, agreementRepo } from "./agreements.repo.ts";
import { commitmentView } from "./commitments.ts";
import { auditActor, check, fail, type NetworkActor, type NetworkContext, tenantOf } from "./shared.ts";

/** Cooperation agreements and declarations (issue 18, decision 061). */
export function createAgreements(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  const summary = (a: AgreementRow, today: string): AgreementSummary => ({
    id: a.id,
    kind: a.kind,
    title: a.title,
    subject: a.subject,
    state: a.state,
    parties: a.parties,
    startDate: a.startDate,
    reviewDate: a.reviewDate,
    measureId: a.measureId,
    meetingId: a.meetingId,
    published: a.published,
    reviewSoon: reviewDueSoon(a, today),
    version: a.version,
  });

  async function load(tenantId: string, id: string): Promise<AgreementRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await agreementRepo.byId(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function view(tenantId: string, row: AgreementRow): Promise<AgreementView> {
    const [signatories, commitments, pdf] = await Promise.all([
      agreementRepo.signatories(db, tenantId, [row.id]),
      agreementRepo.commitments(db, tenantId, row.id),
      agreementRepo.pdfMeta(db, tenantId, row.id),
    ]);
    const today = ctx.today();
    return {
      ...summary(row, today),
      text: row.text,
      signatories: signatories.map((s) => ({
        id: s.id,
        organizationId: s.organizationId,
        name: s.name,
        function: s.function,
        signedOn: s.signedOn,
      })),
      commitments: commitments.map((c) => commitmentView(c, today)),
      pdf: pdf ? { version: pdf.version, createdAt: pdf.createdAt.toISOString() } : null,
    };
  }

  async function checkCreate(tenantId: string, input: Omit<CreateAgreement, "kind">): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (input.startDate && input.reviewDate && input.reviewDate < input.startDate)
      errors.push({ field: "reviewDate", code: "date_range" });
    if (input.parties.length) {
      const found = await deps.directory.existingIds(tenantId, "organization", input.parties);
      input.parties.forEach((id, i) => {
        if (!found.has(id)) errors.push({ field: `parties.${i}`, code: "network_unknown_reference" });
      });
    }
    if (input.meetingId) {
      await ctx.meeting(tenantId, input.meetingId).catch(() => {
        errors.push({ field: "meetingId", code: "network_unknown_reference" });
      });
    }
    const measure = await ctx.checkMeasure(tenantId, input.measureId);
    if (measure) errors.push(measure);
    return errors;
  }

  /** Compare-and-set with its audit entry; a stale version is a 409. */
  async function save(
    actor: NetworkActor,
    before: AgreementRow,
    version: number,
    patch: Parameters<typeof agreementRepo.updateIfVersion>[4],
    requestId?: string,
  ) {
    const tenantId = tenantOf(actor);
    const today = ctx.today();
    return db.transaction(async (tx) => {
      const after = await agreementRepo.updateIfVersion(
        tx,
        tenantId,
        before.id,
        version,
        patch,
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      await enqueueAgreementPdf(ctx, tx, tenantId, after.id, String(after.version));
      await deps.audit.record(
        {
          actor: auditActor(actor),
          action: "update",
          entityType: "network_agreement",
          entityId: before.id,
          changes: diff(summary(before, today), summary(after, today)),
          requestId: requestId ?? null,
        },
        tx,
      );
      return view(tenantId, after);
    });
  }

  return {
    /** All agreements and declarations, next review first; `reviewSoon` marks what expires soon. */
    async listAgreements(principal: Principal): Promise<AgreementSummary[]> {
      authorize(principal, "network.read");
      const today = ctx.today();
      return (await agreementRepo.list(db, principal.tenantId)).map((a) => summary(a, today));
    },

    /** Meetings an agreement can come out of (the latest 200), for the form's choice. */
    async agreementMeetingChoices(principal: Principal) {
      authorize(principal, "network.read");
      return (await agreementRepo.meetingChoices(db, principal.tenantId, 200)).map((m) => ({
        id: m.id,
        title: m.title,
        bodyName: m.bodyName,
        startsAt: m.startsAt.toISOString(),
      }));
    },

    async getAgreement(principal: Principal, id: string): Promise<AgreementView> {
      authorize(principal, "network.read");
      return view(principal.tenantId, await load(principal.tenantId, id));
    },

    async createAgreement(actor: NetworkActor, input: CreateAgreement, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const errors = await checkCreate(tenantId, input);
      if (errors.length) throw fail(...errors);
      const now = deps.clock.now();
      const parties = [...new Set(input.parties)];
      return db.transaction(async (tx) => {
        const row = await agreementRepo.insert(tx, {
          tenantId,
          ...input,
          parties,
          createdAt: now,
          updatedAt: now,
        });
        await enqueueAgreementPdf(ctx, tx, tenantId, row.id, String(row.version));
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_agreement",
            entityId: row.id,
            changes: diff(null, summary(row, ctx.today())),
            requestId: requestId ?? null,
          },
          tx,
        );
        return view(tenantId, row);
      });
    },

    /** The terms (title, subject, text, parties, dates, links), while a draft or under review. */
    async updateAgreement(actor: NetworkActor, id: string, input: UpdateAgreement, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const before = await load(tenantId, id);
      if (!agreementEditable(before.state))
        throw fail({ field: "_", code: "network_agreement_not_editable" });
      const { version, ...terms } = input;
      const errors = await checkCreate(tenantId, terms);
      if (errors.length) throw fail(...errors);
      return save(actor, before, version, { ...terms, parties: [...new Set(terms.parties)] }, requestId);
    },

    /** One step of the state machine; signing needs a signatory, a renewal a later review date. */
    async moveAgreement(actor: NetworkActor, id: string, input: AgreementStateChange, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const before = await load(tenantId, id);
      if (!canMoveAgreement(before.state, input.state))
        throw fail({ field: "state", code: "network_agreement_transition" });
      if (input.state === "signed" && (await agreementRepo.signatories(db, tenantId, [id])).length === 0)
        throw fail({ field: "state", code: "network_agreement_unsigned" });
      let reviewDate = before.reviewDate;
      if (input.state === "renewed") {
        if (!input.reviewDate || (before.reviewDate && input.reviewDate <= before.reviewDate))
          throw fail({ field: "reviewDate", code: "network_agreement_renewal_date" });
        reviewDate = input.reviewDate;
      }
      return save(actor, before, input.version, { state: input.state, reviewDate }, requestId);
    },

    /** A declaration goes on the public site once signed (an agreement stays internal). */
    async publishAgreement(actor: NetworkActor, id: string, input: PublishAgreement, requestId?: string) {
      check(actor, "network.manage");
      const before = await load(tenantOf(actor), id);
      if (input.published && (before.kind !== "declaration" || before.state === "draft"))
        throw fail({ field: "published", code: "network_agreement_not_publishable" });
      return save(actor, before, input.version, { published: input.published }, requestId);
    },

    /** A signing organization (and for an agreement the signing person with function). */
    async addSignatory(actor: NetworkActor, id: string, input: AddSignatory, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const agreement = await load(tenantId, id);
      const errors: FieldError[] = [];
      if (!input.organizationId && !input.name) errors.push({ field: "organizationId", code: "required" });
      if (input.organizationId) {
        const found = await deps.directory.existingIds(tenantId, "organization", [input.organizationId]);
        if (!found.has(input.organizationId))
          errors.push({ field: "organizationId", code: "network_unknown_reference" });
      }
      if (input.signedOn > ctx.today()) errors.push({ field: "signedOn", code: "network_signed_in_future" });
      if (agreement.state === "ended") errors.push({ field: "_", code: "network_agreement_transition" });
      if (errors.length) throw fail(...errors);
      return db.transaction(async (tx) => {
        const row = await agreementRepo.insertSignatory(tx, { tenantId, agreementId: id, ...input });
        await enqueueAgreementPdf(ctx, tx, tenantId, id, row.id);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_signatory",
            entityId: row.id,
            changes: diff(null, {
              agreementId: id,
              organizationId: row.organizationId,
              signedOn: row.signedOn,
            }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return view(tenantId, agreement);
      });
    },
  };
}
