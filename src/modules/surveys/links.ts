import { createHash, randomBytes } from "node:crypto";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CreateLink, Submission } from "./contracts.ts";
import { type Audited, type SurveyDeps, userActor } from "./deps.ts";
import type { FormService } from "./forms.ts";
import { linkRepo } from "./links.repo.ts";
import type { MediaUpload } from "./media.ts";
import { LINK_DAYS_DEFAULT } from "./model.ts";
import { responseRepo } from "./responses.repo.ts";
import type { ResponseStore } from "./responses.ts";
import { sampleRepo } from "./samples.repo.ts";

export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token of another length was never issued (tokens are 43 characters); no lookup for it. */
const plausibleToken = (token: string) => token.length >= 20 && token.length <= 100;

/**
 * One-time self-completion links (issue 5): a person fills the questionnaire on their own phone,
 * in their language. The token is shown once; only its hash is stored. A link takes exactly one
 * response; the same submission again (double click, flaky connection, offline queue) returns
 * the first one instead of an error.
 */
export function createLinkService(
  deps: Pick<SurveyDeps, "db" | "clock" | "audit" | "casework"> & {
    forms: FormService;
    store: ResponseStore;
  },
) {
  const { db, forms, store } = deps;

  /** Who the link is for: a person in a case the principal may write, or a member of a wave. */
  async function recipient(principal: Principal, input: CreateLink, opts: Audited) {
    if (input.caseId) {
      authorize(principal, "surveys.capture");
      const ctx = await deps.casework.surveyContext(principal, input.caseId, "write", opts);
      if (input.personId && !ctx.persons.some((p) => p.id === input.personId))
        throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
      return { caseId: ctx.caseId, waveId: null, personId: input.personId };
    }
    if (input.waveId) {
      authorize(principal, "surveys.manage");
      if (!isUuid(input.waveId) || !input.personId) throw AppError.notFound();
      const member = await sampleRepo.member(db, principal.tenantId, input.waveId, input.personId);
      if (!member) throw AppError.notFound();
      return { caseId: null, waveId: input.waveId, personId: input.personId };
    }
    throw AppError.forbidden();
  }

  return {
    /**
     * A self-completion link for a person: in a case (case worker) or in a survey wave (survey
     * team). The token is returned once; only its hash is stored.
     */
    async createLink(principal: Principal, input: CreateLink, opts: Audited = {}) {
      const days = input.days ?? LINK_DAYS_DEFAULT;
      const form = await forms.loadForm(principal.tenantId, input.formId);
      const to = await recipient(principal, input, opts);
      const token = randomBytes(32).toString("base64url");
      const now = deps.clock.now();
      const link = await db.transaction(async (tx) => {
        const l = await linkRepo.insertLink(tx, {
          tenantId: principal.tenantId,
          tokenHash: hashSurveyToken(token),
          formId: form.id,
          formVersion: form.currentVersion,
          ...to,
          lang: input.lang,
          expiresAt: new Date(now.getTime() + days * 86_400_000),
          createdBy: principal.userId,
          createdAt: now,
        });
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "survey_link",
          entityId: l.id,
          changes: {
            formId: { old: null, new: form.id },
            expiresAt: { old: null, new: l.expiresAt.toISOString() },
          },
          requestId: opts.requestId ?? null,
        });
        return l;
      });
      return { token, linkId: link.id, expiresAt: link.expiresAt };
    },

    /** What the public page shows for a token: the form, or why it cannot be used. */
    async linkForm(tenantId: string, token: string) {
      const link = plausibleToken(token) ? await linkRepo.linkByHash(db, hashSurveyToken(token)) : undefined;
      if (!link || link.tenantId !== tenantId) return { state: "unknown" as const };
      if (link.usedAt) return { state: "used" as const };
      if (link.revokedAt || link.expiresAt <= deps.clock.now()) return { state: "expired" as const };
      const definition = await forms.definitionOf(link.tenantId, link.formId, link.formVersion);
      return {
        state: "open" as const,
        definition,
        formVersion: link.formVersion,
        lang: link.lang,
        tenantId: link.tenantId,
      };
    },

    /**
     * The respondent's submission. The link is locked for the whole transaction, in which every
     * lookup runs (decision 018): one response per link, however many arrive at once. `uploads`:
     * the files of image, audio and file questions (decision 116).
     */
    async submitByLink(tenantId: string, token: string, s: Submission, uploads: readonly MediaUpload[] = []) {
      if (!plausibleToken(token)) throw new AppError("invalid_token");
      const tokenHash = hashSurveyToken(token);
      return db.transaction(async (tx) => {
        const link = await linkRepo.linkByHash(tx, tokenHash, true);
        if (!link || link.tenantId !== tenantId) throw new AppError("invalid_token");
        const existing = await responseRepo.responseBySubmission(tx, link.tenantId, s.submissionId);
        if (existing) {
          if (existing.linkId !== link.id) throw new AppError("survey_submission_reused");
          return { responseId: existing.id, duplicate: true };
        }
        if (link.usedAt) throw new AppError("survey_link_used");
        if (link.revokedAt || link.expiresAt <= deps.clock.now()) throw new AppError("survey_link_expired");
        if (s.formVersion !== link.formVersion)
          throw AppError.validation([{ field: "formVersion", code: "invalid_choice" }]);
        const form = await forms.loadForm(link.tenantId, link.formId);
        const def = await forms.definitionOf(link.tenantId, link.formId, link.formVersion);
        const { answers, files } = store.validated(def, s, uploads);
        const dims = await store.dimensionsOf(link.tenantId, link.personId, {
          areaId: null,
          accommodationKind: null,
          phaseKey: null,
        });
        const r = await store.store(tx, {
          tenantId: link.tenantId,
          form,
          def,
          formVersion: link.formVersion,
          submissionId: s.submissionId,
          channel: "link",
          caseId: link.caseId,
          personId: link.personId,
          waveId: link.waveId,
          linkId: link.id,
          lang: s.lang,
          answers,
          files,
          dims,
          submittedBy: null,
        });
        await linkRepo.markLinkUsed(tx, link.tenantId, link.id, deps.clock.now());
        await deps.audit.record({
          actor: { kind: "system" as const, tenantId: link.tenantId },
          action: "create",
          entityType: "survey_response",
          entityId: r.id,
          changes: { linkId: { old: null, new: link.id } },
          requestId: null,
        });
        return { responseId: r.id, duplicate: false };
      });
    },
  };
}

export type LinkService = ReturnType<typeof createLinkService>;
