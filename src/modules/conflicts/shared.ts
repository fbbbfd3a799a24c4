import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { createSecretBox } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { ConflictDeps } from "./deps.ts";
import { CONFLICT_KINDS, type ConflictKind, DEFAULT_SERVICE_LEVELS, type ServiceLevel } from "./model.ts";
import type { QueueRow } from "./repo.ts";
import { isOverdue } from "./sla.ts";

/** The SecretBox purpose of the module's `*_enc` columns. */
export const CONFLICTS_PURPOSE = "conflicts";
/** Closed conflicts are deleted this many years after closing (decision 052). */
export const RETENTION_YEARS = 3;

export function createConflictCrypto(deps: Pick<ConflictDeps, "config">) {
  const box = createSecretBox(deps.config.secretKey, deps.config.secretKeyPrevious ?? []);
  return {
    encrypt: (s: string) => box.encrypt(CONFLICTS_PURPOSE, s),
    decrypt: (s: string) => box.decrypt(CONFLICTS_PURPOSE, s),
    encryptOptional: (s: string | null | undefined) => (s ? box.encrypt(CONFLICTS_PURPOSE, s) : null),
    decryptOptional: (s: string | null | undefined) => (s ? box.decrypt(CONFLICTS_PURPOSE, s) : null),
  };
}
export type ConflictCrypto = ReturnType<typeof createConflictCrypto>;

export function serviceLevelOf(kind: string): ServiceLevel {
  return (CONFLICT_KINDS as readonly string[]).includes(kind)
    ? DEFAULT_SERVICE_LEVELS[kind as ConflictKind]
    : DEFAULT_SERVICE_LEVELS.other;
}

export function mailTranslator(lang: string | null | undefined) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return { lang: l, t: createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE)) };
}

/**
 * The reporter's acknowledgement mail with the status link (decisions 052, 120): the mail in the
 * language's catalog (easy German mails in German), the link in `linkLang` (the page's language).
 */
export async function sendAcknowledgement(
  deps: ConflictDeps,
  ack: {
    tenantId: string;
    to: string;
    language: string;
    linkLang?: string;
    reference: string;
    statusToken: string;
  },
  textKey: "conflicts.ack_mail_text" | "conflicts.public_ack_mail_text",
) {
  const { lang, t } = mailTranslator(ack.language);
  const values = {
    reference: ack.reference,
    link: `${deps.config.baseUrl}/${ack.linkLang ?? lang}/conflict-status/${ack.statusToken}`,
  };
  await deps.mail.send({
    tenantId: ack.tenantId,
    to: ack.to,
    subject: t("conflicts.ack_mail_subject", values),
    text: t(textKey, values),
  });
}

/** A kind's name in the translator's language (a tenant kind outside the catalog as written). */
export function kindName(t: (key: string) => string, kind: string): string {
  return (CONFLICT_KINDS as readonly string[]).includes(kind) ? t(`conflicts.kind_${kind}`) : kind;
}

/** A short reference the reporter can quote on the phone ("K-7F3QX2"): no sequence to guess. */
export function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `K-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Names for ids (areas, staff) and the list item every view starts from. */
export function createNamer(deps: Pick<ConflictDeps, "areas" | "users">) {
  return async (tenantId: string) => {
    const [areas, staff] = await Promise.all([deps.areas.list(tenantId), deps.users.staffNames(tenantId)]);
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    const staffNames = new Map(staff.map((s) => [s.id, s.displayName]));
    return {
      area: (id: string | null) => (id ? (areaNames.get(id) ?? null) : null),
      staff: (id: string | null) => (id ? (staffNames.get(id) ?? null) : null),
      areaIds: new Set(areaNames.keys()),
      item(r: QueueRow, now: Date) {
        return {
          id: r.id,
          reference: r.reference,
          areaId: r.areaId,
          areaName: areaNames.get(r.areaId) ?? null,
          kind: r.kind,
          urgency: r.urgency,
          severity: r.severity,
          state: r.state,
          handlerUserId: r.handlerUserId,
          handlerName: r.handlerUserId ? (staffNames.get(r.handlerUserId) ?? null) : null,
          reportedAt: r.reportedAt.toISOString(),
          dueAt: r.dueAt.toISOString(),
          firstContactAt: iso(r.firstContactAt),
          overdue: isOverdue(r, now),
          escalated: r.escalatedAt !== null,
          version: r.version,
        };
      },
    };
  };
}

export function fieldError(field: string, code: string): AppError {
  return AppError.validation([{ field, code }]);
}
