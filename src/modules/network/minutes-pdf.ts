import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf } from "#app/server/pdf-document.ts";
import type { ActionStatus, BodyKind, MemberRole, MinutesState } from "./model.ts";

/**
 * A meeting's minutes (Niederschrift, issue 18 item 2, decision 111) as a tagged PDF (PDF/UA-1)
 * on the shared engine: the agenda items with their discussion, decisions (with votes) and action
 * items, and the attendance. Two versions from one renderer:
 * - internal (staff): every agenda item, non-public ones marked; attendance as counts plus the
 *   names and roles of the members present, as the minutes of a body carry them;
 * - public (published minutes of a public body): only the public items, attendance as counts
 *   with the names of those present who agreed to be public; the others counted (decision 122).
 * Labels in the reader's language; the texts are the secretary's, in German (`/Lang de-DE`).
 */
export type MinutesPdfModel = {
  tenantName: string;
  bodyName: string;
  bodyKind: BodyKind;
  title: string;
  startsAt: string;
  /** Where it took place: a place's name or the online address. */
  where: string | null;
  minutesState: MinutesState;
  /** The public version: the caller passes public items only; no names. */
  publicVersion: boolean;
  attendance: {
    /** Members (not guests) of the body on the meeting's day. */
    members: number;
    present: number;
    votingPresent: number;
    guests: number;
    /** Names and roles of those present; in the public version only those who agreed to be public. */
    names: { name: string; role: MemberRole }[];
    /** Present but not named (public version: without consent to be named). */
    unnamed: number;
  } | null;
  agenda: {
    number: string;
    title: string;
    public: boolean;
    discussion: string | null;
    decisions: {
      text: string;
      votesYes: number | null;
      votesNo: number | null;
      votesAbstain: number | null;
    }[];
    actionItems: { title: string; owner: string; dueDate: string | null; status: ActionStatus }[];
  }[];
  /** Instant of the meeting's last change, so the same state gives the same bytes. */
  savedAt: Date;
};

export async function renderMinutesPdf(m: MinutesPdfModel, t: Translate, lang: string): Promise<Buffer> {
  const title = t("network.minutes_pdf_title", { body: m.bodyName, title: m.title });
  const { doc, put, finish } = await openTaggedPdf({
    title,
    author: m.tenantName,
    lang,
    date: m.savedAt,
    sizes: { H2: 13 },
  });
  const locale = lang === "fa" ? "fa-IR-u-nu-latn" : lang;
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(m.startsAt));
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${iso}T00:00:00Z`),
    );

  put(m.tenantName, "P", 4);
  put(title, "H1", 8);
  put([t(`network.kind_${m.bodyKind}`), when, m.where].filter(Boolean).join(" · "), "P", 4);
  put(
    m.publicVersion
      ? t("network.minutes_pdf_public_note")
      : `${t("network.minutes")}: ${t(`network.minutes_${m.minutesState}`)}`,
    "P",
    10,
  );

  put(t("network.attendance"), "H2", 4);
  const a = m.attendance;
  if (!a) put(t("network.minutes_pdf_no_attendance"), "P", 8);
  else {
    put(
      t("network.minutes_pdf_attendance", {
        present: a.present,
        members: a.members,
        voting: a.votingPresent,
        guests: a.guests,
      }),
      "P",
      4,
    );
    for (const p of a.names) put(`${p.name} (${t(`network.role_${p.role}`)})`, "P", 1);
    if (a.unnamed > 0) put(t("network.attendance_unnamed", { count: a.unnamed }), "P", 1);
    doc.y += 8;
  }

  put(t("network.agenda"), "H2", 4);
  if (m.agenda.length === 0) put(t("network.no_agenda"), "P", 6);
  for (const item of m.agenda) {
    const marker = item.public ? "" : ` (${t("network.not_public")})`;
    put(`${item.number}. ${item.title}${marker}`, "H3", 3);
    if (item.discussion) put(item.discussion, "P", 4, "de");
    if (item.decisions.length) {
      put(t("network.decisions"), "P", 2);
      for (const d of item.decisions) {
        put(d.text, "P", 1, "de");
        if (d.votesYes !== null || d.votesNo !== null || d.votesAbstain !== null)
          put(
            t("network.votes_summary", {
              yes: d.votesYes ?? 0,
              no: d.votesNo ?? 0,
              abstain: d.votesAbstain ?? 0,
            }),
            "P",
            2,
          );
      }
    }
    if (item.actionItems.length) {
      put(t("network.action_items"), "P", 2);
      for (const x of item.actionItems) {
        put(x.title, "P", 1, "de");
        const due = x.dueDate ? t("network.due", { date: day(x.dueDate) }) : null;
        put(
          [`${t("network.owner")}: ${x.owner}`, due, t(`network.status_${x.status}`)]
            .filter(Boolean)
            .join(" · "),
          "P",
          3,
        );
      }
    }
    doc.y += 6;
  }
  return finish();
}
