import { createHash, randomBytes } from "node:crypto";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { MailService } from "../mail/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import { createCaseCrypto } from "./crypto.ts";
import type { SharedFields } from "./model.ts";
import type { ReferralCaseView, ReferralPartnerView } from "./referrals.contracts.ts";
import { type ReferralRow, referralRepo } from "./referrals.repo.ts";

export const LINK_DAYS = 14;

/** What referrals need of the directory: offers and organizations as targets (wired in the composition root). */
export type ReferralTargets = {
  offer(tenantId: string, id: string): Promise<ReferralTargetInfo | null>;
  organization(tenantId: string, id: string): Promise<ReferralTargetInfo | null>;
  published(
    tenantId: string,
  ): Promise<{ offers: { id: string; name: string }[]; organizations: { id: string; name: string }[] }>;
  names(tenantId: string, offerIds: string[], organizationIds: string[]): Promise<Map<string, string>>;
};
export type ReferralTargetInfo = { name: string; organizationId: string | null; email: string | null };

export type ReferralDeps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  offices: OfficeService;
  users: UserService;
  tenants: TenantService;
  targets: ReferralTargets;
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type Actor = { kind: "user"; principal: Principal } | { kind: "system"; tenantId: string };

/** What both sides of a referral share: targets and their names, the views, the one-time link, status changes. */
export function createReferralCore(deps: ReferralDeps) {
  const { db, config } = deps;
  const crypto = createCaseCrypto(config);
  const now = () => deps.clock.now();
  const linkUrl = (lang: Language, token: string) => `${config.baseUrl}/${lang}/referral/${token}`;

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
      case "offer":
        return deps.targets.offer(tenantId, id);
      case "organization":
        return deps.targets.organization(tenantId, id);
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
    const ids = (type: ReferralRow["targetType"]) =>
      rows.filter((r) => r.targetType === type).map((r) => r.targetId);
    const names = await deps.targets.names(tenantId, ids("offer"), ids("organization"));
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

  return {
    crypto,
    now,
    targetOf,
    targetNames,
    partnerView,
    caseView,
    /** The views of these rows, with their targets' names. */
    async partnerViews(tenantId: string, rows: ReferralRow[]) {
      const names = await targetNames(tenantId, rows);
      return rows.map((r) => partnerView(r, names));
    },
    async caseViews(tenantId: string, rows: ReferralRow[]) {
      const names = await targetNames(tenantId, rows);
      return rows.map((r) => caseView(r, names));
    },

    newToken() {
      const token = randomBytes(32).toString("base64url");
      return {
        token,
        tokenHash: hashToken(token),
        expiresAt: new Date(now().getTime() + LINK_DAYS * 86_400_000),
      };
    },
    linkUrl,

    /** E-mails the one-time link (only the link; the shared fields are behind it). */
    async mailLink(tenantId: string, to: string, token: string, lang: Language) {
      const all = catalogs();
      const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
      const tenant = await deps.tenants.byId(tenantId);
      const values = {
        tenant: tenant?.name ?? "Lotse",
        link: linkUrl(lang, token),
        days: LINK_DAYS,
      };
      await deps.mail.send({
        tenantId,
        to,
        subject: t("referrals.mail_subject", values),
        text: t("referrals.mail_text", values),
      });
    },

    /** A status change if nobody changed the referral since `version` was read; audited. */
    async transition(
      actor: Actor,
      before: ReferralRow,
      version: number,
      patch: Parameters<typeof referralRepo.updateIfVersion>[4],
      action: string,
      opts: { requestId?: string | null | undefined; reason?: string } = {},
    ): Promise<ReferralRow> {
      return db.transaction(async (tx) => {
        const after = await referralRepo.updateIfVersion(
          tx,
          before.tenantId,
          before.id,
          version,
          patch,
          now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record({
          actor,
          action,
          entityType: "referral",
          entityId: before.id,
          changes: diff(
            { status: before.status, decidedAt: before.decidedAt, outcomeAt: before.outcomeAt },
            { status: after.status, decidedAt: after.decidedAt, outcomeAt: after.outcomeAt },
          ),
          reason: opts.reason ?? null,
          requestId: opts.requestId ?? null,
        });
        return after;
      });
    },
  };
}
export type ReferralCore = ReturnType<typeof createReferralCore>;
