import type { Translate } from "#app/i18n/translator.ts";
import type { PublicContribution, PublicEvent } from "#app/modules/network/participation.model.ts";
import { De, placeLine } from "./public.tsx";

/** Language codes named in the reader's language ("tr" → "Türkisch"). */
export function languageNames(lang: string, codes: readonly string[]): string {
  const names = new Intl.DisplayNames([lang], { type: "language", fallback: "code" });
  return codes.map((c) => names.of(c) ?? c).join(", ");
}

/** Where and in which languages an event takes place. */
export function EventFacts({ e, t, lang }: { e: PublicEvent; t: Translate; lang: string }) {
  const place = placeLine(e);
  return (
    <>
      <p className="hint">{t(`network.format_${e.format}`)}</p>
      {place ? (
        <p>
          <De>{place}</De>
        </p>
      ) : e.onlineUrl ? (
        <p>
          {t("network.public_online")}{" "}
          <a href={e.onlineUrl} dir="ltr">
            {e.onlineUrl}
          </a>
        </p>
      ) : null}
      {e.languages.length ? (
        <p>{t("network.event_languages_line", { list: languageNames(lang, e.languages) })}</p>
      ) : null}
      {e.interpreters.length ? (
        <p>{t("network.event_interpreters_line", { list: languageNames(lang, e.interpreters) })}</p>
      ) : null}
    </>
  );
}

/** A contribution as the public sees it: its text, its state, the reason, what it became. */
export function ContributionState({ c, t, lang }: { c: PublicContribution; t: Translate; lang: string }) {
  return (
    <>
      <p className="pre-line">
        <span dir="auto">{c.text}</span>
      </p>
      <p>
        <span className={c.state === "adopted" ? "badge badge-good" : "badge"}>
          {t(`network.contribution_public_${c.state}`)}
        </span>
      </p>
      {c.reason ? (
        <p>
          {t("network.contribution_reason")}: <De>{c.reason}</De>
        </p>
      ) : null}
      {c.link ? (
        <p>
          {t("network.contribution_became")}{" "}
          <a href={`/${lang}/meetings/${c.link.meetingId}`}>
            <De>{`${c.link.meetingTitle}, ${c.link.agendaNumber}. ${c.link.agendaTitle}`}</De>
          </a>
        </p>
      ) : null}
    </>
  );
}
