import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import { diff } from "../audit/service.ts";
import type { ApplicationInput } from "./application-contracts.ts";
import type { VolunteerDeps } from "./deps.ts";
import { VOLUNTEER_ENTITY } from "./profiles.ts";
import { volunteerRepo } from "./repo.ts";

/** Applications one client address may send per hour (the public forms' rate limit). */
export const APPLICATIONS_PER_HOUR = 5;
const HOUR = 3_600_000;

const translatorFor = (language: string) => {
  const all = catalogs();
  const lang = isLanguage(language) ? language : SOURCE_LANGUAGE;
  return createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
};

/**
 * The public application (issue 17, onboarding: application → interview → training → active;
 * decision 099). It lands as an applicant in the coordinator's queue, never as an active
 * volunteer, with no certificates and no settings: those come with the interview and training.
 * A filled honeypot is dropped silently; at most APPLICATIONS_PER_HOUR per client address.
 * An applicant nobody takes on goes with the pool's retention (decision 060) or on the
 * coordinator's decline at once.
 */
export function createApplications(deps: VolunteerDeps) {
  const { db } = deps;
  return {
    async apply(
      tenantId: string,
      input: ApplicationInput,
      from: { language: string; clientIp: string | undefined },
    ): Promise<{ received: true }> {
      if (input.website) {
        deps.logger.info({ tenantId }, "volunteer application honeypot filled, dropped");
        return { received: true };
      }
      const now = deps.clock.now();
      const sourceKey = sha256Hex(`volunteer-application:${tenantId}:${from.clientIp ?? "-"}`);
      if (
        (await volunteerRepo.countFromSource(db, tenantId, sourceKey, new Date(now.getTime() - HOUR))) >=
        APPLICATIONS_PER_HOUR
      )
        throw new AppError("too_many_requests", {
          params: { minutes: 60 },
          extra: { retryAfterMinutes: 60 },
        });
      const language = isLanguage(from.language) ? from.language : SOURCE_LANGUAGE;
      const seen = new Set<string>();
      const languages = input.languages
        .filter((l) => !seen.has(l.code) && seen.add(l.code))
        .map((l) => ({ code: l.code, level: l.level, oral: true, written: l.written }));
      await db.transaction(async (tx) => {
        const row = await volunteerRepo.insert(tx, {
          tenantId,
          name: input.name,
          email: input.email,
          phone: input.phone || null,
          uiLanguage: language,
          status: "applicant",
          languages,
          areas: input.areas,
          modes: input.modes,
          settings: [],
          travelMode: null,
          certificates: [],
          availability: [...new Set(input.weekdays)]
            .sort()
            .map((weekday) => ({ weekday, from: minutes(input.from), to: minutes(input.to) })),
          absences: [],
          appliedAt: now,
          consentAt: now,
          createdAt: now,
          updatedAt: now,
          sourceKey,
        });
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "apply",
            entityType: VOLUNTEER_ENTITY,
            entityId: row.id,
            changes: diff(null, { status: "applicant", languages: languages.map((l) => l.code).join(",") }),
          },
          tx,
        );
        const t = translatorFor(language);
        await deps.mail.send(
          {
            tenantId,
            to: input.email,
            subject: t("volunteers.mail_application_subject"),
            text: t("volunteers.mail_application_text", { name: input.name }),
          },
          { db: tx },
        );
        for (const u of (await deps.users?.withRole(tenantId, "volunteer_coordinator")) ?? []) {
          const tc = translatorFor(u.preferredLanguage ?? SOURCE_LANGUAGE);
          await deps.mail.send(
            {
              tenantId,
              to: u.email,
              subject: tc("volunteers.mail_coordinator_application_subject"),
              text: tc("volunteers.mail_coordinator_application_text", {
                link: `${deps.config.baseUrl}/staff/volunteers/${row.id}`,
              }),
            },
            { db: tx },
          );
        }
      });
      return { received: true };
    },
  };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}
