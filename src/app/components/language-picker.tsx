import { useLocation } from "react-router";
import { htmlLang, PUBLIC_LANGUAGES } from "#app/i18n/languages.ts";
import { useLang, useT } from "../i18n.tsx";

/**
 * Links to this page in every public language, easy German included (decision 094); each
 * language is named in itself. Works without JavaScript.
 */
export function LanguagePicker() {
  const t = useT();
  const current = useLang();
  const { pathname, search } = useLocation();
  const rest = pathname.replace(/^\/[a-z]{2}(?:-simple)?(?=\/|$)/, "");
  return (
    <nav aria-label={t("common.language_picker")} className="language-picker">
      <ul>
        {PUBLIC_LANGUAGES.map((l) => (
          <li key={l.code}>
            <a
              href={`/${l.code}${rest}${search}`}
              lang={htmlLang(l.code)}
              hrefLang={htmlLang(l.code)}
              dir={l.dir}
              aria-current={l.code === current ? "true" : undefined}
            >
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
