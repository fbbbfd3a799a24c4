import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { MailService } from "../mail/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import { type ConsentService, caseForPrincipal, createConsentService } from "./consent.ts";
import { createCaseCrypto } from "./crypto.ts";
import { caseHeadRepo, type ReferralRow, referralRepo, targetRepo } from "./referrals.repo.ts";
import { type PersonLanguage, REFERRAL_KINDS, REFERRAL_STATUSES, REFERRAL_TARGET_TYPES } from "./schema.ts";

/**
 * Vermittlungen (issue 4, "Referrals"). The case worker chooses what the receiver needs to
 * know ("only what the purpose needs"): the first name, the languages, a phone number and a
 * note, stored encrypted in `shared_enc`. The receiving partner sees those fields and the
 * referral's status, never the case, its id or anything else about the person.
 *
 * Before a referral is sent, a consent in force today must exist for the person, the purpose
 * "referral" and the recipient (the target itself, the target's organization, or "any").
 * Without one the referral is blocked (`referral_consent_missing`); a supervisor may override
 * with `referrals.consent_override` and a written reason, which is audited.
 *
 * Partners without an account answer through a one-time link `/{lang}/referral/{token}`:
 * the token is stored as its SHA-256, expires after LINK_DAYS and is spent by the answer.
 */

export const LINK_DAYS = 14;
export const OVERRIDE_REASON_MIN = 20;

/** What a referral may share. Each field is chosen by the case worker. */
export type SharedFields = {
  givenName?: string;
  languages?: PersonLanguage[];
  phone?: string;
  note?: string;
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const referralInput = z
  .object({
    personId: z.uuid(),
    kind: z.enum(REFERRAL_KINDS),
    targetType: z.enum(REFERRAL_TARGET_TYPES),
    targetId: z.uuid(),
    shareGivenName: z.boolean().default(false),
    shareLanguages: z.boolean().default(false),
    phone: optionalText(60).pipe(
      z
        .string()
        .regex(/^[0-9+()/ .-]{3,60}$/, { error: "code:invalid_phone" })
        .nullable(),
    ),
    note: optionalText(2000),
    /** Only with referrals.consent_override, when no consent is in force. */
    consentOverrideReason: optionalText(2000),
    /** Create a one-time link for a partner without an account (e-mailed when notifyEmail is set). */
    link: z.boolean().default(false),
    notifyEmail: z
      .email()
      .max(254)
      .nullish()
      .or(z.literal("").transform(() => null)),
  })
  .superRefine((v, ctx) => {
    if (!v.shareGivenName && !v.shareLanguages && !v.phone && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "code:referral_nothing_shared" });
  });
export type ReferralInput = z.input<typeof referralInput>;

export const decisionInput = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(["accepted", "declined"]),
    reason: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "declined" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "code:referral_decline_reason" });
  });
export const outcomeInput = z.object({
  version: z.number().int().min(1),
  outcome: z.enum(["started", "completed", "dropped"]),
});

const OUTCOME_FROM: Record<string, readonly ReferralRow["status"][]> = {
  started: ["accepted"],
  completed: ["accepted", "started"],
  dropped: ["accepted", "started"],
};

/** What the receiving side sees: no case id, no person id, only the shared fields. */
export type ReferralPartnerView = {
  id: string;
  kind: ReferralRow["kind"];
  status: ReferralRow["status"];
  targetType: ReferralRow["targetType"];
  targetName: string | null;
  shared: SharedFields;
  sentAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  outcomeAt: string | null;
  version: number;
};
/** What the case worker sees on the case. */
export type ReferralCaseView = ReferralPartnerView & {
  personId: string;
  targetId: string;
  consentId: string | null;
  consentOverridden: boolean;
  linkExpiresAt: string | null;
};

export type LinkState = "open" | "answered" | "expired" | "invalid";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type Deps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  offices: OfficeService;
  users: UserService;
  tenants: TenantService;
};

export function createReferralService(deps: Deps) {
  const { db, config } = deps;
  const crypto = createCaseCrypto(config);
  const consents: ConsentService = createConsentService(deps);
  const now = () => deps.clock.now();

  function decryptShared(r: ReferralRow): SharedFields {
    try {
      return JSON.parse(crypto.decrypt(r.sharedEnc)) as SharedFields;
    } catch {
      // A value made with a key that is no longer configured: nothing to show.
      return {};
    }
  }

  async function targetOf(tenantId: string, type: ReferralRow["targetType"], id: string) {
    switch (type) {
      case "offer": {
        const o = await targetRepo.offer(db, tenantId, id);
        return o ? { name: o.name, organizationId: o.organizationId, email: o.email } : null;
      }
      case "organization": {
        const o = await targetRepo.organization(db, tenantId, id);
        return o ? { name: o.name, organizationId: o.id, email: o.email } : null;
      }
      case "office": {
        const o = await deps.offices.byId(tenantId, id);
        return o ? { name: o.name, organizationId: null, email: o.email } : null;
      }
      case "volunteer": {
        // Volunteers are staff accounts with the volunteer role (no volunteer records yet);
        // the volunteer coordination receives these referrals.
        const v = (await deps.users.withRole(tenantId, "volunteer")).find((u) => u.id === id);
        return v ? { name: v.displayName, organizationId: null, email: v.email } : null;
      }
    }
  }

  async function targetNames(tenantId: string, rows: ReferralRow[]): Promise<Map<string, string>> {
    const names = await targetRepo.names(
      db,
      tenantId,
      rows.filter((r) => r.targetType === "offer").map((r) => r.targetId),
      rows.filter((r) => r.targetType === "organization").map((r) => r.targetId),
    );
    if (rows.some((r) => r.targetType === "office"))
      for (const o of await deps.offices.listSummaries(tenantId)) names.set(o.id, o.name);
    if (rows.some((r) => r.targetType === "volunteer"))
      for (const v of await deps.users.withRole(tenantId, "volunteer")) names.set(v.id, v.displayName);
    return names;
  }

  function partnerView(r: ReferralRow, names: Map<string, string>): ReferralPartnerView {
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      targetType: r.targetType,
      targetName: names.get(r.targetId) ?? null,
      shared: decryptShared(r),
      sentAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionReason: r.decisionReason,
      outcomeAt: r.outcomeAt?.toISOString() ?? null,
      version: r.version,
    };
  }
  function caseView(r: ReferralRow, names: Map<string, string>): ReferralCaseView {
    return {
      ...partnerView(r, names),
      personId: r.personId,
      targetId: r.targetId,
      consentId: r.consentId,
      consentOverridden: r.consentOverrideReasonEnc !== null,
      linkExpiresAt:
        r.tokenHash && r.tokenExpiresAt && r.tokenExpiresAt > now() ? r.tokenExpiresAt.toISOString() : null,
    };
  }

  /** Organizations whose incoming referrals the principal may see ("all": a tenant-wide receiver). */
  function receiverScope(principal: Principal): string[] | "all" {
    authorize(principal, "referrals.receive");
    return scopeIdsFor(principal, "referrals.receive", "organization");
  }

  /** The referral, if the principal is its receiver: 404 when it does not exist, 403 when it is someone else's. */
  async function loadIncoming(principal: Principal, id: string): Promise<ReferralRow> {
    authorize(principal, "referrals.receive");
    const r = z.uuid().safeParse(id).success
      ? await referralRepo.byId(db, principal.tenantId, id)
      : undefined;
    if (!r) throw AppError.notFound();
    if (!can(principal, "referrals.receive", { organizationId: r.receivingOrganizationId }))
      throw AppError.forbidden();
    return r;
  }

  function newToken() {
    const token = randomBytes(32).toString("base64url");
    return {
      token,
      tokenHash: hashToken(token),
      expiresAt: new Date(now().getTime() + LINK_DAYS * 86_400_000),
    };
  }

  async function mailLink(tenantId: string, to: string, token: string, lang: Language) {
    const all = catalogs();
    const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
    const tenant = await deps.tenants.byId(tenantId);
    const values = {
      tenant: tenant?.name ?? "Lotse",
      link: `${config.baseUrl}/${lang}/referral/${token}`,
      days: LINK_DAYS,
    };
    // The mail carries the link only; the shared fields are behind it.
    await deps.mail.send({
      tenantId,
      to,
      subject: t("referrals.mail_subject", values),
      text: t("referrals.mail_text", values),
    });
  }

  async function transition(
    actor: { kind: "user"; principal: Principal } | { kind: "system"; tenantId: string },
    before: ReferralRow,
    version: number,
    patch: Parameters<typeof referralRepo.updateIfVersion>[4],
    action: string,
    requestId?: string,
    reason?: string,
  ): Promise<ReferralRow> {
    return db.transaction(async (tx) => {
      const after = await referralRepo.updateIfVersion(tx, before.tenantId, before.id, version, patch, now());
      if (!after) throw AppError.versionConflict(before.version);
      await deps.audit.record(
        {
          actor,
          action,
          entityType: "referral",
          entityId: before.id,
          changes: diff(
            { status: before.status, decidedAt: before.decidedAt, outcomeAt: before.outcomeAt },
            { status: after.status, decidedAt: after.decidedAt, outcomeAt: after.outcomeAt },
          ),
          reason: reason ?? null,
          requestId: requestId ?? null,
        },
        tx,
      );
      return after;
    });
  }

  return {
    consents,

    /** Persons of the case, and the targets a referral can go to, for the referral form. */
    async formChoices(principal: Principal, caseId: string) {
      const head = await caseForPrincipal(deps, principal, caseId, "read");
      const [persons, dir, offices, volunteers] = await Promise.all([
        caseHeadRepo.personsOfHousehold(db, head.tenantId, head.householdId),
        targetRepo.choices(db, head.tenantId),
        deps.offices.listSummaries(head.tenantId),
        deps.users.withRole(head.tenantId, "volunteer"),
      ]);
      const seen = new Set<string>();
      return {
        persons: persons.map((p) => ({ id: p.id, givenName: p.givenName, familyName: p.familyName })),
        offers: dir.offers,
        organizations: dir.organizations,
        offices: offices.map((o) => ({ id: o.id, name: o.name })),
        volunteers: volunteers
          .filter((v) => !seen.has(v.id) && seen.add(v.id))
          .map((v) => ({ id: v.id, name: v.displayName })),
        canOverride: can(principal, "referrals.consent_override", { officeId: head.officeId }),
      };
    },

    async listForCase(principal: Principal, caseId: string): Promise<ReferralCaseView[]> {
      const head = await caseForPrincipal(deps, principal, caseId, "read");
      const rows = await referralRepo.ofCase(db, head.tenantId, head.id);
      const names = await targetNames(head.tenantId, rows);
      return rows.map((r) => caseView(r, names));
    },

    async create(
      principal: Principal,
      caseId: string,
      input: unknown,
      opts: { requestId?: string; lang?: string } = {},
    ): Promise<{ referral: ReferralCaseView; link: string | null }> {
      const head = await caseForPrincipal(deps, principal, caseId, "write");
      authorize(principal, "referrals.send");
      const parsed = referralInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const v = parsed.data;
      if (head.status !== "open") throw new AppError("conflict");
      const people = await caseHeadRepo.personsOfHousehold(db, head.tenantId, head.householdId);
      const person = people.find((p) => p.id === v.personId);
      if (!person) throw AppError.validation([{ field: "personId", code: "not_in_household" }]);
      const target = await targetOf(head.tenantId, v.targetType, v.targetId);
      if (!target) throw AppError.validation([{ field: "targetId", code: "invalid_choice" }]);

      const recipients: { type: "offer" | "organization" | "office" | "volunteer"; id: string }[] = [
        { type: v.targetType, id: v.targetId },
      ];
      if (target.organizationId && v.targetType !== "organization")
        recipients.push({ type: "organization", id: target.organizationId });
      const consent = await consents.validFor(head.tenantId, person.id, "referral", recipients);
      let overrideReason: string | null = null;
      if (!consent) {
        if (!v.consentOverrideReason) throw new AppError("referral_consent_missing");
        if (!can(principal, "referrals.consent_override", { officeId: head.officeId }))
          throw AppError.forbidden();
        if (v.consentOverrideReason.length < OVERRIDE_REASON_MIN)
          throw AppError.validation([
            { field: "consentOverrideReason", code: "too_short", params: { min: OVERRIDE_REASON_MIN } },
          ]);
        overrideReason = v.consentOverrideReason;
      }
      const shared: SharedFields = {};
      if (v.shareGivenName) shared.givenName = person.givenName;
      if (v.shareLanguages) shared.languages = person.languages;
      if (v.phone) shared.phone = v.phone;
      if (v.note) shared.note = v.note;
      const link = v.link || v.notifyEmail ? newToken() : null;
      const lang: Language = isLanguage(opts.lang) ? opts.lang : SOURCE_LANGUAGE;

      const row = await db.transaction(async (tx) => {
        const r = await referralRepo.insert(tx, {
          tenantId: head.tenantId,
          caseId: head.id,
          personId: person.id,
          kind: v.kind,
          targetType: v.targetType,
          targetId: v.targetId,
          receivingOrganizationId: target.organizationId,
          sharedEnc: crypto.encrypt(JSON.stringify(shared)),
          consentId: consent?.id ?? null,
          consentOverrideReasonEnc: overrideReason ? crypto.encrypt(overrideReason) : null,
          status: "sent",
          tokenHash: link?.tokenHash ?? null,
          tokenExpiresAt: link?.expiresAt ?? null,
          createdBy: principal.userId,
          createdAt: now(),
          updatedAt: now(),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "referral",
            entityId: r.id,
            // Which fields were shared, never their values.
            changes: diff(null, {
              caseId: head.id,
              personId: r.personId,
              kind: r.kind,
              targetType: r.targetType,
              targetId: r.targetId,
              receivingOrganizationId: r.receivingOrganizationId,
              consentId: r.consentId,
              sharedFields: Object.keys(shared),
              link: link !== null,
            }),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        if (overrideReason) {
          // The override and its written reason, in its own entry the data-protection officer can find.
          await deps.audit.record(
            {
              actor: { kind: "user", principal },
              action: "consent_override",
              entityType: "referral",
              entityId: r.id,
              changes: diff(null, { caseId: head.id, personId: r.personId }),
              reason: overrideReason,
              requestId: opts.requestId ?? null,
            },
            tx,
          );
        }
        return r;
      });
      if (link && v.notifyEmail) await mailLink(head.tenantId, v.notifyEmail, link.token, lang);
      const names = await targetNames(head.tenantId, [row]);
      return {
        referral: caseView(row, names),
        link: link ? `${config.baseUrl}/${lang}/referral/${link.token}` : null,
      };
    },

    /**
     * A new one-time link for the referral (the printable slip, or another e-mail); the previous
     * link stops working. Returns the link once: only its hash is stored.
     */
    async issueLink(
      principal: Principal,
      caseId: string,
      referralId: string,
      input: unknown,
      opts: { requestId?: string; lang?: string } = {},
    ): Promise<{ link: string; expiresAt: string; referral: ReferralCaseView }> {
      const head = await caseForPrincipal(deps, principal, caseId, "write");
      authorize(principal, "referrals.send");
      const parsed = z
        .object({
          version: z.number().int().min(1),
          notifyEmail: z
            .email()
            .max(254)
            .nullish()
            .or(z.literal("").transform(() => null)),
        })
        .safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = z.uuid().safeParse(referralId).success
        ? await referralRepo.byId(db, head.tenantId, referralId)
        : undefined;
      if (!before || before.caseId !== head.id) throw AppError.notFound();
      if (before.status !== "sent") throw new AppError("conflict");
      const link = newToken();
      const after = await transition(
        { kind: "user", principal },
        before,
        parsed.data.version,
        { tokenHash: link.tokenHash, tokenExpiresAt: link.expiresAt },
        "issue_link",
        opts.requestId,
      );
      const lang: Language = isLanguage(opts.lang) ? opts.lang : SOURCE_LANGUAGE;
      if (parsed.data.notifyEmail) await mailLink(head.tenantId, parsed.data.notifyEmail, link.token, lang);
      const names = await targetNames(head.tenantId, [after]);
      return {
        link: `${config.baseUrl}/${lang}/referral/${link.token}`,
        expiresAt: link.expiresAt.toISOString(),
        referral: caseView(after, names),
      };
    },

    /** The case worker takes a referral back (before the outcome). */
    async withdraw(
      principal: Principal,
      caseId: string,
      referralId: string,
      input: unknown,
      requestId?: string,
    ): Promise<ReferralCaseView> {
      const head = await caseForPrincipal(deps, principal, caseId, "write");
      authorize(principal, "referrals.send");
      const parsed = z.object({ version: z.number().int().min(1) }).safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = z.uuid().safeParse(referralId).success
        ? await referralRepo.byId(db, head.tenantId, referralId)
        : undefined;
      if (!before || before.caseId !== head.id) throw AppError.notFound();
      if (before.status !== "sent" && before.status !== "accepted") throw new AppError("conflict");
      const after = await transition(
        { kind: "user", principal },
        before,
        parsed.data.version,
        { status: "withdrawn", tokenExpiresAt: before.tokenHash ? now() : before.tokenExpiresAt },
        "withdraw",
        requestId,
      );
      return caseView(after, await targetNames(head.tenantId, [after]));
    },

    // ---- The receiving side ----

    async incoming(
      principal: Principal,
      filter: { status?: string | undefined } = {},
    ): Promise<ReferralPartnerView[]> {
      const scope = receiverScope(principal);
      const status = z
        .enum(REFERRAL_STATUSES)
        .optional()
        .safeParse(filter.status || undefined);
      if (!status.success) throw validationError(status.error.issues, "status");
      const rows = (
        await referralRepo.incoming(db, principal.tenantId, scope, { status: status.data }, 500)
      ).filter((r) => can(principal, "referrals.receive", { organizationId: r.receivingOrganizationId }));
      // The list shows the shared fields: a read of each referral.
      if (rows.length)
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "referral", entityId: r.id })),
        );
      const names = await targetNames(principal.tenantId, rows);
      return rows.map((r) => partnerView(r, names));
    },

    /** One incoming referral (its shared fields are a read of personal data: audited). */
    async incomingOne(principal: Principal, id: string, requestId?: string): Promise<ReferralPartnerView> {
      const r = await loadIncoming(principal, id);
      await deps.audit.recordRead(principal, "referral", r.id, { requestId });
      return partnerView(r, await targetNames(principal.tenantId, [r]));
    },

    async decide(principal: Principal, id: string, input: unknown, requestId?: string) {
      const before = await loadIncoming(principal, id);
      const parsed = decisionInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      if (before.status !== "sent") throw new AppError("conflict");
      const after = await transition(
        { kind: "user", principal },
        before,
        parsed.data.version,
        {
          status: parsed.data.decision,
          decisionReason: parsed.data.reason,
          decidedAt: now(),
          // An answer here spends the one-time link too.
          tokenExpiresAt: before.tokenHash ? now() : before.tokenExpiresAt,
        },
        parsed.data.decision === "accepted" ? "accept" : "decline",
        requestId,
      );
      return partnerView(after, await targetNames(principal.tenantId, [after]));
    },

    async recordOutcome(principal: Principal, id: string, input: unknown, requestId?: string) {
      const before = await loadIncoming(principal, id);
      const parsed = outcomeInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      if (!OUTCOME_FROM[parsed.data.outcome]!.includes(before.status)) throw new AppError("conflict");
      const after = await transition(
        { kind: "user", principal },
        before,
        parsed.data.version,
        { status: parsed.data.outcome, outcomeAt: now() },
        "outcome",
        requestId,
      );
      return partnerView(after, await targetNames(principal.tenantId, [after]));
    },

    // ---- The one-time link (public, no account) ----

    /** What the link page shows. A spent, expired or unknown link shows no referral data. */
    async byToken(
      tenantId: string,
      token: string,
    ): Promise<{ state: LinkState; referral: ReferralPartnerView | null }> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "invalid", referral: null };
      const r = await referralRepo.byTokenHash(db, hashToken(token));
      if (!r || r.tenantId !== tenantId) return { state: "invalid", referral: null };
      if (r.status !== "sent") return { state: "answered", referral: null };
      if (!r.tokenExpiresAt || r.tokenExpiresAt <= now()) return { state: "expired", referral: null };
      await deps.audit.record({
        actor: { kind: "system", tenantId },
        action: "read",
        entityType: "referral",
        entityId: r.id,
        reason: "one-time link",
      });
      return { state: "open", referral: partnerView(r, await targetNames(tenantId, [r])) };
    },

    async answerByToken(
      tenantId: string,
      token: string,
      input: unknown,
      requestId?: string,
    ): Promise<{ state: LinkState; decision: "accepted" | "declined" | null }> {
      const current = await this.byToken(tenantId, token);
      if (current.state !== "open" || !current.referral) return { state: current.state, decision: null };
      const parsed = decisionInput.safeParse({ ...(input as object), version: current.referral.version });
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = (await referralRepo.byId(db, tenantId, current.referral.id))!;
      await transition(
        { kind: "system", tenantId },
        before,
        current.referral.version,
        {
          status: parsed.data.decision,
          decisionReason: parsed.data.reason,
          decidedAt: now(),
          tokenExpiresAt: now(),
        },
        parsed.data.decision === "accepted" ? "accept" : "decline",
        requestId,
        "one-time link",
      );
      return { state: "answered", decision: parsed.data.decision };
    },
  };
}
export type ReferralService = ReturnType<typeof createReferralService>;
