import type { StructureView } from "#app/modules/accommodation/structure.ts";
import type { SafeCount } from "#app/modules/statistics/small-cells.ts";
import { useT } from "../../i18n.tsx";

/**
 * The residents' age bands × sex on the day, as the small-cell rule lets them out (decision
 * 081): a hidden count reads "<n" with the reason in the note below the table.
 */
export function StructureTable({ s }: { s: StructureView }) {
  const t = useT();
  const cell = (c: SafeCount) =>
    c.value !== null
      ? String(c.value)
      : c.suppressed === "primary"
        ? `<${s.minCount}`
        : t("accommodation.structure_hidden");
  return (
    <section aria-labelledby="structure-title">
      <h2 id="structure-title">{t("accommodation.structure_title")}</h2>
      <table>
        <caption>{t("accommodation.structure_caption", { day: s.day })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accommodation.structure_age")}</th>
            {s.sexes.map((x) => (
              <th scope="col" key={x}>
                {t(`accommodation.structure_sex_${x}`)}
              </th>
            ))}
            <th scope="col">{t("accommodation.housing_total")}</th>
          </tr>
        </thead>
        <tbody>
          {s.bands.map((b, i) => (
            <tr key={b}>
              <th scope="row">{b === "unknown" ? t("accommodation.structure_age_unknown") : b}</th>
              {s.cells[i]!.map((c, j) => (
                <td key={s.sexes[j]}>{cell(c)}</td>
              ))}
              <td>{cell(s.rowTotals[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("accommodation.housing_total")}</th>
            {s.columnTotals.map((c, j) => (
              <td key={s.sexes[j]}>{cell(c)}</td>
            ))}
            <td>{cell(s.total)}</td>
          </tr>
        </tfoot>
      </table>
      <p>{t("accommodation.structure_note", { min: s.minCount })}</p>
    </section>
  );
}
