import { z } from "zod";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { mayReadCase } from "./access.ts";
import { privacyRepo } from "./privacy.repo.ts";
import { type PrivacyContext, uuid } from "./privacy-context.ts";
import { caseHeadRepo } from "./referrals.repo.ts";

/**
 * Break-glass access (issue 4): a case opened without regular access, for a few hours, with a
 * reason, an alert to the data-protection officers and their review.
 */

export const BREAK_GLASS_HOURS = 4;
export const BREAK_GLASS_REASON_MIN = 30;

export const breakGlassInput = z.object({
  /** The case's reference ("2026-00042") or id. */
  case: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(BREAK_GLASS_REASON_MIN).max(2000),
});
export const reviewInput = z.object({
  outcome: z.enum(["justified", "unjustified"]),
  note: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});

export type BreakGlassView = {
  id: string;
  userId: string;
  userName: string | null;
  caseId: string;
  caseReference: string | null;
  reason: string;
  startedAt: string;
  expiresAt: string;
  active: boolean;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
};

type BreakGlassRow = NonNullable<Awaited<ReturnType<typeof privacyRepo.breakGlassById>>>;

export function createBreakGlass(ctx: PrivacyContext) {
  const { deps, db, now, staffNames, findCase } = ctx;
  const { config } = deps;

  function viewBreakGlass(
    r: BreakGlassRow,
    names: Map<string, string>,
    refs: Map<string, string>,
  ): BreakGlassView {
    return {
      id: r.id,
      userId: r.userId,
      userName: names.get(r.userId) ?? null,
      caseId: r.caseId,
      caseReference: refs.get(r.caseId) ?? null,
      reason: r.reason,
      startedAt: r.startedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      active: r.expiresAt > now(),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      reviewedBy: r.reviewedBy ? (names.get(r.reviewedBy) ?? r.reviewedBy) : null,
      reviewOutcome: r.reviewOutcome,
      reviewNote: r.reviewNote,
    };
  }

  async function viewsOf(tenantId: string, rows: BreakGlassRow[]) {
    const [names, cs] = await Promise.all([
      staffNames(tenantId),
      privacyRepo.casesByIds(
        db,
        tenantId,
        rows.map((r) => r.caseId),
      ),
    ]);
    const refs = new Map(cs.map((c) => [c.id, c.reference]));
    return rows.map((r) => viewBreakGlass(r, names, refs));
  }

  return {
    /** Opens a case the principal has no regular access to, for BREAK_GLASS_HOURS, and alerts the DPOs. */
    async openBreakGlass(principal: Principal, input: unknown, requestId?: string) {
      authorize(principal, "cases.break_glass");
      const parsed = breakGlassInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const c = await findCase(principal.tenantId, parsed.data.case);
      if (!c) throw AppError.validation([{ field: "case", code: "case_unknown" }]);
      const head = (await caseHeadRepo.byId(db, principal.tenantId, c.id))!;
      if (
        mayReadCase(principal, {
          tenantId: head.tenantId,
          officeId: head.officeId,
          workerIds: head.workerIds,
        })
      )
        throw AppError.validation([{ field: "case", code: "break_glass_not_needed" }]);
      const startedAt = now();
      const row = await db.transaction(async (tx) => {
        const r = await privacyRepo.insertBreakGlass(tx, {
          tenantId: principal.tenantId,
          userId: principal.userId,
          caseId: c.id,
          reason: parsed.data.reason,
          startedAt,
          expiresAt: new Date(startedAt.getTime() + BREAK_GLASS_HOURS * 3_600_000),
          createdAt: startedAt,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "break_glass",
            entityType: "case",
            entityId: c.id,
            changes: diff(null, { breakGlassId: r.id, expiresAt: r.expiresAt.toISOString() }),
            reason: parsed.data.reason,
            requestId: requestId ?? null,
          },
          tx,
        );
        return r;
      });
      // The alert: an e-mail to every data-protection officer (and the review queue shows it).
      const [dpos, tenant, names] = await Promise.all([
        deps.users.withRole(principal.tenantId, "data_protection_officer"),
        deps.tenants.byId(principal.tenantId),
        staffNames(principal.tenantId),
      ]);
      const all = catalogs();
      const sent = new Set<string>();
      for (const d of dpos) {
        if (sent.has(d.email)) continue;
        sent.add(d.email);
        const lang = isLanguage(d.preferredLanguage) ? d.preferredLanguage : SOURCE_LANGUAGE;
        const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
        const values = {
          user: names.get(principal.userId) ?? principal.userId,
          reference: c.reference,
          tenant: tenant?.name ?? "Lotse",
          link: `${config.baseUrl}/staff/privacy/review`,
          hours: BREAK_GLASS_HOURS,
        };
        await deps.mail.send({
          tenantId: principal.tenantId,
          to: d.email,
          subject: t("privacy.alert_subject", values),
          text: t("privacy.alert_text", values),
        });
      }
      return (await viewsOf(principal.tenantId, [row]))[0]!;
    },

    /** The principal's own break-glass accesses (active first). */
    async myBreakGlass(principal: Principal) {
      authorize(principal, "cases.break_glass");
      const rows = await privacyRepo.breakGlassList(db, principal.tenantId, { userId: principal.userId }, 50);
      return viewsOf(principal.tenantId, rows);
    },

    async reviewQueue(principal: Principal, filter: { pending?: boolean } = {}) {
      authorize(principal, "privacy.break_glass_review");
      const rows = await privacyRepo.breakGlassList(
        db,
        principal.tenantId,
        { pending: filter.pending ?? false },
        200,
      );
      return viewsOf(principal.tenantId, rows);
    },

    async review(principal: Principal, id: string, input: unknown, requestId?: string) {
      authorize(principal, "privacy.break_glass_review");
      const parsed = reviewInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = uuid.safeParse(id).success
        ? await privacyRepo.breakGlassById(db, principal.tenantId, id)
        : undefined;
      if (!before) throw AppError.notFound();
      if (before.reviewedAt) throw new AppError("conflict");
      const after = await db.transaction(async (tx) => {
        const r = await privacyRepo.reviewBreakGlass(tx, principal.tenantId, id, {
          reviewedBy: principal.userId,
          reviewedAt: now(),
          reviewOutcome: parsed.data.outcome,
          reviewNote: parsed.data.note,
        });
        // Someone else reviewed it in the meantime.
        if (!r) throw new AppError("conflict");
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "break_glass_review",
            entityType: "break_glass",
            entityId: id,
            changes: diff({ reviewOutcome: null }, { reviewOutcome: r.reviewOutcome }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return r;
      });
      return (await viewsOf(principal.tenantId, [after]))[0]!;
    },
  };
}
