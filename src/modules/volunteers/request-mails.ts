import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator, type Translate } from "../../i18n/translator.ts";
import { eventIcs } from "../../server/ical.ts";
import type { VolunteerDeps } from "./deps.ts";
import { linkRepo, type RequestRow, type VolunteerRow } from "./repo.ts";
import { startsAt } from "./times.ts";

/** Who gets which mail at a step of a request (issue 17, What must work 2; decision 076). */
export type VolunteerStep = "offer" | "confirmed" | "cancelled";
export type InstitutionStep = "received" | "confirmed" | "cancelled";
export type CoordinatorStep = "received" | "accepted" | "declined" | "cancelled";

function translator(language: string | null | undefined): Translate {
  const all = catalogs();
  const lang = language && isLanguage(language) ? language : SOURCE_LANGUAGE;
  return createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
}

const values = (r: RequestRow) => ({
  date: r.date,
  time: `${String(Math.floor(r.startMinute / 60)).padStart(2, "0")}:${String(r.startMinute % 60).padStart(2, "0")}`,
  minutes: r.durationMinutes,
  institution: r.institutionName,
  language: r.language,
});

/** The assignment as a calendar event for the mediator: what the conversation needs, no contact data. */
function assignmentIcs(r: RequestRow, t: Translate) {
  const start = startsAt(r.date, r.startMinute);
  return eventIcs(
    {
      uid: `${r.id}@lotse`,
      title: t("volunteers.ics_title", { institution: r.institutionName }),
      start,
      end: new Date(start.getTime() + r.durationMinutes * 60_000),
      location: r.mode === "on_site" ? r.area : t(`volunteers.mode_${r.mode}`),
      url: null,
      description: t("volunteers.ics_description", {
        language: r.language,
        mode: t(`volunteers.mode_${r.mode}`),
        topic: r.topic,
      }),
      organizer: r.institutionName,
    },
    "volunteers",
  );
}

/**
 * Mail at every step to whoever must act next, each in their language: the mediator (offer,
 * confirmation with the iCal event, cancellation), the institution's contact (receipt,
 * confirmation, cancellation; the language of their booking link, German otherwise) and the
 * pool's coordinators (the mediator accepted, declined or cancelled: they confirm or search again).
 */
export function createRequestMails(deps: VolunteerDeps) {
  return {
    async volunteer(v: VolunteerRow, r: RequestRow, step: VolunteerStep) {
      if (!v.email) return;
      const t = translator(v.uiLanguage);
      await deps.mail.send({
        tenantId: r.tenantId,
        to: v.email,
        subject: t(`volunteers.mail_${step}_subject`, values(r)),
        text: t(`volunteers.mail_${step}_text`, values(r)),
        ...(step === "confirmed"
          ? {
              attachments: [
                {
                  filename: "einsatz.ics",
                  contentType: "text/calendar; method=REQUEST",
                  content: assignmentIcs(r, t),
                },
              ],
            }
          : {}),
      });
    },

    async institution(r: RequestRow, step: InstitutionStep) {
      // Retention strips the contact; nobody is left to tell.
      if (!r.contactEmail) return;
      const link = r.bookingLinkId ? await linkRepo.byId(deps.db, r.tenantId, r.bookingLinkId) : undefined;
      const t = translator(link?.language ?? r.contactLanguage);
      await deps.mail.send({
        tenantId: r.tenantId,
        to: r.contactEmail,
        subject: t(`volunteers.mail_institution_${step}_subject`, values(r)),
        text: t(`volunteers.mail_institution_${step}_text`, { ...values(r), name: r.contactName }),
      });
    },

    /** `suggestions`: a reopened request's new search (names of fitting mediators, best first). */
    async coordinators(r: RequestRow, step: CoordinatorStep, suggestions?: string[]) {
      if (!deps.users) return;
      for (const u of await deps.users.withRole(r.tenantId, "volunteer_coordinator")) {
        const t = translator(u.preferredLanguage);
        await deps.mail.send({
          tenantId: r.tenantId,
          to: u.email,
          subject: t(`volunteers.mail_coordinator_${step}_subject`, values(r)),
          text:
            t(`volunteers.mail_coordinator_${step}_text`, {
              ...values(r),
              link: `${deps.config.baseUrl}/staff/volunteers/requests/${r.id}`,
            }) +
            (suggestions === undefined
              ? ""
              : `\n\n${
                  suggestions.length
                    ? t("volunteers.mail_suggestions", { names: suggestions.join(", ") })
                    : t("volunteers.mail_suggestions_none")
                }`),
        });
      }
    },
  };
}
export type RequestMails = ReturnType<typeof createRequestMails>;
