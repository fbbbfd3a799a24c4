import { Form, Link } from "react-router";
import { type ComparisonView, comparisonQuery } from "#app/modules/accommodation/housing.contracts.ts";
import { dayInGermany } from "#app/modules/accommodation/housing-model.ts";
import type { SafeCount } from "#app/modules/statistics/small-cells.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/compare";

/**
 * Two accommodations, or two periods of one, side by side (decision 121). A GET form, so it
 * works without JavaScript and the comparison has its own URL; counts of persons come through
 * the small-cell rule.
 */
/** The form's values as asked, each period from the start of this year to today by default. */
function formValues(q: Record<string, string>, today: string) {
  const from = `${today.slice(0, 4)}-01-01`;
  return {
    a: q.a ?? "",
    b: q.b ?? "",
    aFrom: q.aFrom ?? from,
    aTo: q.aTo ?? today,
    bFrom: q.bFrom ?? from,
    bTo: q.bTo ?? today,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const svc = ctx.services.accommodation;
  const options = (await svc.accommodations.list({ kind: "user", principal })).map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const q = Object.fromEntries(new URL(request.url).searchParams);
  const values = formValues(q, dayInGermany(ctx.services.core.clock.now()));
  if (!q.a && !q.b) return { options, values, comparison: null, errors: undefined };
  const r = await formAction(ctx.t, () =>
    svc.comparison.compare(principal, parseInput(comparisonQuery, values)),
  );
  return "data" in r
    ? { options, values, comparison: null, errors: r.data.errors as FormErrors }
    : { options, values, comparison: r.value, errors: undefined };
}

export default function Compare({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { options, values, comparison, errors } = loaderData as {
    options: { value: string; label: string }[];
    values: Record<"a" | "b" | "aFrom" | "aTo" | "bFrom" | "bTo", string>;
    comparison: ComparisonView | null;
    errors: FormErrors | undefined;
  };
  return (
    <>
      <p>
        <Link to="/staff/accommodation/housing">{t("accommodation.housing_back")}</Link>
      </p>
      <h1>{t("accommodation.compare_title")}</h1>
      <p>{t("accommodation.compare_intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="get" noValidate>
        {(["a", "b"] as const).map((side) => (
          <fieldset key={side}>
            <legend>{t(`accommodation.compare_side_${side}`)}</legend>
            <Select
              id={`f-${side}`}
              name={side}
              label={t("accommodation.compare_accommodation")}
              empty={t("accommodation.place_choose")}
              options={options}
              defaultValue={values[side]}
              errors={errors}
              required
            />
            <TextField
              name={`${side}From`}
              type="date"
              label={t("accommodation.compare_from")}
              defaultValue={values[`${side}From`]}
              errors={errors}
              required
            />
            <TextField
              name={`${side}To`}
              type="date"
              label={t("accommodation.compare_to")}
              defaultValue={values[`${side}To`]}
              errors={errors}
              required
            />
          </fieldset>
        ))}
        <button type="submit">{t("accommodation.compare_submit")}</button>
      </Form>
      {comparison && <ComparisonTables c={comparison} />}
    </>
  );
}

type Side = ComparisonView["sides"][number] & { n: number; key: string };

/** A count through the small-cell rule: the value, "<min" (primary), or hidden (secondary). */
function useCell(minCount: number) {
  const t = useT();
  return (x: SafeCount) =>
    x.value !== null
      ? String(x.value)
      : x.suppressed === "primary"
        ? `<${minCount}`
        : t("accommodation.structure_hidden");
}

function SidesHead({ sides }: { sides: Side[] }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{t("accommodation.compare_figure")}</th>
        {sides.map((s) => (
          <th scope="col" key={s.key}>
            {t("accommodation.compare_side_head", { name: s.name, from: s.from, to: s.to })}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Places, utilisation and the person counts of each side. */
function FiguresTable({ c, sides }: { c: ComparisonView; sides: Side[] }) {
  const t = useT();
  const cell = useCell(c.minCount);
  const row = (label: string, value: (s: Side) => string | number) => (
    <tr>
      <th scope="row">{label}</th>
      {sides.map((s) => (
        <td key={s.key}>{value(s)}</td>
      ))}
    </tr>
  );
  return (
    <table>
      <caption>{t("accommodation.compare_figures_caption")}</caption>
      <SidesHead sides={sides} />
      <tbody>
        {row(t("accommodation.compare_area"), (s) => s.areaName)}
        {row(t("accommodation.housing_places"), (s) => s.places)}
        {row(t("accommodation.compare_utilisation"), (s) =>
          s.utilisation === null ? "–" : `${s.utilisation} %`,
        )}
        {c.figures.map((f) => (
          <tr key={f.figure}>
            <th scope="row">{t(`accommodation.compare_${f.figure}`)}</th>
            {sides.map((side) => (
              <td key={side.key}>{cell(f.values[side.n]!)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Persons by age band or by sex per side, with the totals (suppressed as a table with margins). */
function GroupTable(props: {
  kind: "ages" | "sexes";
  rows: string[];
  label: (r: string) => string;
  table: ComparisonView["ages"] | ComparisonView["sexes"];
  sides: Side[];
  minCount: number;
}) {
  const t = useT();
  const cell = useCell(props.minCount);
  const { sides, table } = props;
  return (
    <table>
      <caption>{t(`accommodation.compare_${props.kind}_caption`)}</caption>
      <SidesHead sides={sides} />
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={r}>
            <th scope="row">{props.label(r)}</th>
            {sides.map((side) => (
              <td key={side.key}>{cell(table.cells[i]![side.n]!)}</td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("accommodation.housing_total")}</th>
          {sides.map((side) => (
            <td key={side.key}>{cell(table.columnTotals[side.n]!)}</td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

function ComparisonTables({ c }: { c: ComparisonView }) {
  const t = useT();
  // Two sides, keyed a and b (the same accommodation may stand on both).
  const sides: Side[] = c.sides.map((side, n) => ({ ...side, n, key: n === 0 ? "a" : "b" }));
  const common = { sides, minCount: c.minCount };
  return (
    <section aria-labelledby="compare-result">
      <h2 id="compare-result">{t("accommodation.compare_result")}</h2>
      <FiguresTable c={c} sides={sides} />
      <GroupTable
        kind="ages"
        rows={c.ages.bands}
        label={(b) => (b === "unknown" ? t("accommodation.structure_age_unknown") : b)}
        table={c.ages}
        {...common}
      />
      <GroupTable
        kind="sexes"
        rows={c.sexes.sexes}
        label={(x) => t(`accommodation.structure_sex_${x}`)}
        table={c.sexes}
        {...common}
      />
      <p>{t("accommodation.compare_note", { min: c.minCount })}</p>
    </section>
  );
}
