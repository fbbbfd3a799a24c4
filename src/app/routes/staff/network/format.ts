import { useLang } from "../../../i18n.tsx";

/** Date and time of a meeting in the reader's language, in the municipality's zone. */
export function useDateTime(): (iso: string) => string {
  const lang = useLang();
  const f = new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  return (iso: string) => f.format(new Date(iso));
}
