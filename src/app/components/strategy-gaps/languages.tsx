import { displayCount, type SafeCount } from "#app/modules/statistics/small-cells.ts";
import type { LanguageSupply } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";

/** A language code's name in the reader's language (CLDR through Intl), the code as fallback. */
function languageNamer(lang: string) {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([lang], { type: "language" });
  } catch {
    names = undefined;
  }
  return (code: string) => names?.of(code) ?? code;
}

/**
 * Languages of supply (decision 087): language gaps, each explaining itself, then the table of
 * persons of households in need per area × language against the offers given in that language.
 */
export function LanguageSupplySection(props: { data: LanguageSupply; lang: string }) {
  const t = useT();
  const d = props.data;
  const rule = { minCount: d.minCount, minDenominator: 0, minNumerator: 0, suppressZero: false };
  const show = (c: SafeCount) => displayCount(c, rule);
  const name = languageNamer(props.lang);
  return (
    <section aria-labelledby="gaps-languages">
      <h2 id="gaps-languages">{t("strategy.lang_title")}</h2>
      <p>{t("strategy.lang_intro")}</p>
      <p className="hint">{t("strategy.lang_rule", { minNeed: d.minNeed })}</p>
      {d.langs.length === 0 ? (
        <p>{t("strategy.lang_no_need")}</p>
      ) : (
        <>
          <h3>{t("strategy.lang_gaps", { count: d.gaps.length })}</h3>
          {d.gaps.length === 0 ? (
            <p>{t("strategy.lang_gaps_none")}</p>
          ) : (
            <ol>
              {d.gaps.map((g) => (
                <li key={`${g.areaId}|${g.lang}`}>
                  {t("strategy.lang_gap_explain", {
                    need: show(g.need),
                    area: g.area,
                    language: name(g.lang),
                    city: show(g.cityOffers),
                  })}
                </li>
              ))}
            </ol>
          )}
          <div className="table-wrap">
            <table>
              <caption>{t("strategy.lang_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("strategy.gaps_area")}</th>
                  {d.langs.map((l) => (
                    <th scope="col" key={l.code}>
                      {name(l.code)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.areas.map((a, i) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    {d.langs.map((l, j) => {
                      const cell = d.cells[i]![j]!;
                      return (
                        <td key={l.code}>
                          {t("strategy.lang_cell", { need: show(cell.need), offers: show(cell.offers) })}
                          {cell.gap ? <strong> {t("strategy.gaps_flag")}</strong> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("strategy.lang_city")}</th>
                  {d.langs.map((l) => (
                    <td key={l.code}>{show(l.cityOffers)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
