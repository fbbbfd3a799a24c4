import { useMemo } from "react";
import { DIRECTORY_TIME_ZONE } from "#app/modules/directory/locale-settings.ts";
import { SPOKEN_LANGUAGES } from "#app/modules/directory/spoken-languages.ts";
import { useLang, useLanguageName } from "../../i18n.tsx";
import { CheckboxGroup, type FieldErrors } from "../form/index.ts";

/** What the directory editor's parts share: error paths, dates, languages, numbers. */

export type Errors = FieldErrors;
type Json = Record<string, unknown>;

/** A date in the reader's language, in the directory's time zone (same on server and client). */
export function formatDate(d: Date | string, lang: string, withTime = false): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: DIRECTORY_TIME_ZONE,
  }).format(new Date(d));
}

/** Names of spoken languages in the reader's language (the server's names, see `useLanguageName`). */
export function useLanguageOptions() {
  const lang = useLang();
  const nameOf = useLanguageName();
  return useMemo(
    () =>
      SPOKEN_LANGUAGES.map((code) => ({ value: code, label: nameOf(code) })).sort((a, b) =>
        a.label.localeCompare(b.label, lang),
      ),
    [lang, nameOf],
  );
}

export function LanguagesField(props: {
  path: string;
  label: string;
  selected: string[];
  onChange: (v: string[]) => void;
  errors: Errors | undefined;
}) {
  const options = useLanguageOptions();
  return (
    <CheckboxGroup
      errorPath={props.path}
      legend={props.label}
      options={options}
      optionsClassName="dir-check-grid"
      value={props.selected}
      onChange={props.onChange}
      errors={props.errors}
    />
  );
}

export function numberOrText(v: string): number | string | null {
  if (v.trim() === "") return null;
  const n = Number(v.replace(",", "."));
  return Number.isFinite(n) ? n : v;
}

export type { Json };
