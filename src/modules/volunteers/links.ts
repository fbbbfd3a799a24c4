import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { CreateLink, LinkView, PublicBooking } from "./contracts.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { DEFAULT_POOL_RULES, type RequestState } from "./model.ts";
import { type LinkRow, linkRepo, requestRepo } from "./repo.ts";
import { checkBooking, type SettingsOf, storeBooking } from "./requests.ts";
import { startsAt } from "./times.ts";

/** What an institution sees of a request's state: the search, not who declined it. */
export function publicPhase(
  state: RequestState,
): "searching" | "confirmed" | "held" | "cancelled" | "no_show" {
  if (state === "confirmed") return "confirmed";
  if (state === "held" || state === "claimed" || state === "settled") return "held";
  if (state === "cancelled" || state === "no_show") return state;
  return "searching";
}

export const LINK_ENTITY = "mediation_booking_link";
const CANCELLABLE_BY_LINK: readonly RequestState[] = [
  "submitted",
  "checked",
  "offered",
  "accepted",
  "declined",
  "confirmed",
];
/** How many of its requests the institution's status page lists. */
const STATUS_LIMIT = 100;

function toLinkView(l: LinkRow): LinkView {
  return {
    id: l.id,
    organizationId: l.organizationId,
    institutionName: l.institutionName,
    contactName: l.contactName,
    contactEmail: l.contactEmail,
    language: l.language,
    revokedAt: l.revokedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
  };
}

/**
 * Booking links (issue 17, What must work 2): a coordinator issues one per contact of a
 * directory organization and can revoke it; the contact books through the public form and
 * follows the requests on a status page, without an account.
 */
export function createLinks(
  deps: VolunteerDeps,
  settingsOf: SettingsOf,
  cancelAsInstitution: (tenantId: string, linkId: string, id: string, opts: Audited) => Promise<unknown>,
) {
  const { db } = deps;

  async function linkOf(tenantId: string, token: string): Promise<LinkRow | null> {
    if (!token || token.length > 200) return null;
    const link = await linkRepo.byTokenHash(db, sha256Hex(token));
    return link && link.tenantId === tenantId && !link.revokedAt ? link : null;
  }

  const urlOf = (link: LinkRow, token: string) =>
    `${deps.config.baseUrl}/${link.language}/mediation/${token}`;

  async function mailLink(link: LinkRow, token: string) {
    const all = catalogs();
    const lang = isLanguage(link.language) ? link.language : SOURCE_LANGUAGE;
    const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
    const values = {
      name: link.contactName,
      institution: link.institutionName,
      link: urlOf(link, token),
    };
    await deps.mail.send({
      tenantId: link.tenantId,
      to: link.contactEmail,
      subject: t("volunteers.mail_link_subject", values),
      text: t("volunteers.mail_link_text", values),
    });
  }

  return {
    async listLinks(principal: Principal): Promise<LinkView[]> {
      authorize(principal, "volunteers.links");
      return (await linkRepo.list(db, principal.tenantId)).map(toLinkView);
    },

    /** The directory's published organizations, to issue a link for. */
    async linkOrganizations(principal: Principal) {
      authorize(principal, "volunteers.links");
      return (await deps.organizations.published(principal.tenantId)).organizations;
    },

    /** Issues a link for a contact of a directory organization and mails it to them. */
    async issueLink(principal: Principal, input: CreateLink, opts: Audited = {}) {
      authorize(principal, "volunteers.links");
      const org = await deps.organizations.organization(principal.tenantId, input.organizationId);
      if (!org) throw AppError.validation([{ field: "organizationId", code: "unknown_organization" }]);
      const token = randomToken(24);
      const link = await db.transaction(async (tx) => {
        const row = await linkRepo.insert(tx, {
          tenantId: principal.tenantId,
          organizationId: input.organizationId,
          institutionName: org.name,
          contactName: input.contactName,
          contactEmail: input.contactEmail,
          language: input.language,
          tokenHash: sha256Hex(token),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: LINK_ENTITY,
            entityId: row.id,
            changes: diff(null, { organizationId: row.organizationId }),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return row;
      });
      await mailLink(link, token);
      return { ...toLinkView(link), token, url: urlOf(link, token) };
    },

    /** Revokes a link: its form and status page answer "invalid" from now on. */
    async revokeLink(principal: Principal, id: string, opts: Audited = {}): Promise<LinkView> {
      authorize(principal, "volunteers.links");
      return db.transaction(async (tx) => {
        const row = await linkRepo.revoke(tx, principal.tenantId, id, deps.clock.now());
        if (!row) throw AppError.notFound();
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "revoke",
            entityType: LINK_ENTITY,
            entityId: id,
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return toLinkView(row);
      });
    },

    /** The public form's header: whose link it is (null: unknown or revoked). */
    async linkForToken(tenantId: string, token: string) {
      const link = await linkOf(tenantId, token);
      return link ? { institutionName: link.institutionName, contactName: link.contactName } : null;
    },

    /**
     * A booking through the public form: the tenant's rules per field, the contact from the link,
     * the same form token twice books once (a double click returns the first request).
     */
    async bookByLink(tenantId: string, token: string, input: PublicBooking, opts: Audited = {}) {
      const link = await linkOf(tenantId, token);
      if (!link) throw new AppError("invalid_token");
      const { holidayState } = await settingsOf(tenantId);
      const fields = checkBooking(input, DEFAULT_POOL_RULES, deps.clock.now(), holidayState);
      if (fields.length) throw AppError.validation(fields);
      const r = await storeBooking(
        deps,
        { kind: "system", tenantId },
        tenantId,
        {
          ...input,
          organizationId: link.organizationId,
          institutionName: link.institutionName,
          contactName: link.contactName,
          contactEmail: link.contactEmail,
          area: input.mode === "on_site" ? input.area : null,
          measureId: null,
        },
        link.id,
        opts,
      );
      // A token from another link's form is not this link's request.
      const stored = await requestRepo.byId(db, tenantId, r.request.id);
      if (stored?.bookingLinkId !== link.id) throw AppError.versionConflict();
      return { id: r.request.id, created: r.created };
    },

    /**
     * The institution cancels one of its requests on the status page (decision 084): the
     * mediator, if one was given, hears of it; a cancellation inside the cut-off is marked late.
     */
    async cancelByLink(tenantId: string, token: string, requestId: string, opts: Audited = {}) {
      const link = await linkOf(tenantId, token);
      if (!link) throw new AppError("invalid_token");
      await cancelAsInstitution(tenantId, link.id, requestId, opts);
      return { cancelled: true as const };
    },

    /** The institution's status page: its requests' dates and states, no mediator, no notes. */
    async linkStatus(tenantId: string, token: string) {
      const link = await linkOf(tenantId, token);
      if (!link) return null;
      const rows = await requestRepo.byLink(db, tenantId, link.id, STATUS_LIMIT);
      return {
        institutionName: link.institutionName,
        requests: rows.map((r) => ({
          id: r.id,
          language: r.language,
          mode: r.mode,
          date: r.date,
          startMinute: r.startMinute,
          durationMinutes: r.durationMinutes,
          phase: publicPhase(r.state),
          // Cancellable until the conversation (the state machine decides; late is marked, not refused).
          cancellable:
            CANCELLABLE_BY_LINK.includes(r.state) && startsAt(r.date, r.startMinute) > deps.clock.now(),
        })),
      };
    },
  };
}
