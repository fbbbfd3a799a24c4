import { Notice } from "../../../components/form/index.ts";
import { useLang, useT } from "../../../i18n.tsx";
import type { FormErrors } from "../../../server/guard.server.ts";
import type { Route } from "./+types/detail";

/** Dates of case work are calendar days of the municipality; times are shown in its time zone. */
export const TIME_ZONE = "Europe/Berlin";

/** What the case page's loader returns, as each section of the page receives it. */
export type CaseData = Route.ComponentProps["loaderData"];
export type SectionProps = {
  d: CaseData;
  /** The errors of the form that sent `intent` (e.g. "need_add", "plan_update:<id>"). */
  errorsFor: (intent: string) => FormErrors | undefined;
  savedFor: (intent: string) => boolean;
};

export function useFormat() {
  const lang = useLang();
  const day = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  });
  return {
    day: (d: string | null) => (d ? day.format(new Date(`${d}T00:00:00Z`)) : "—"),
    time: (d: string) => time.format(new Date(d)),
  };
}

export function SavedNotice({ show }: { show: boolean }) {
  const t = useT();
  return show ? <Notice kind="success">{t("cases.saved")}</Notice> : null;
}
