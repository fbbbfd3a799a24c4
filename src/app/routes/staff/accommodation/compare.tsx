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
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const svc = ctx.services.accommodation;
  const options = (await svc.accommodations.list({ kind: "user", principal })).map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const q = Object.fromEntries(new URL(request.url).searchParams);
  const today = dayInGermany(ctx.services.core.clock.now());
  const values = {
    a: q.a ?? "",
    b: q.b ?? "",
    aFrom: q.aFrom ?? `${today.slice(0, 4)}-01-01`,
    aTo: q.aTo ?? today,
    bFrom: q.bFrom ?? `${today.slice(0, 4)}-01-01`,
    bTo: q.bTo ?? today,
  };
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

function ComparisonTables({ c }: { c: ComparisonView }) {
  const t = useT();
  const cell = (x: SafeCount) =>
    x.value !== null
      ? String(x.value)
      : x.suppressed === "primary"
        ? `<${c.minCount}`
        : t("accommodation.structure_hidden");
  // Two sides, keyed a and b (the same accommodation may stand on both).
  const sides = c.sides.map((side, n) => ({ ...side, n, key: n === 0 ? "a" : "b" }));
  const head = (
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
  const table = (
    key: "ages" | "sexes",
    rows: string[],
    label: (r: string) => string,
    s: ComparisonView["ages"] | ComparisonView["sexes"],
  ) => (
    <table>
      <caption>{t(`accommodation.compare_${key}_caption`)}</caption>
      {head}
      <tbody>
        {rows.map((r, i) => (
          <tr key={r}>
            <th scope="row">{label(r)}</th>
            {sides.map((side) => (
              <td key={side.key}>{cell(s.cells[i]![side.n]!)}</td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("accommodation.housing_total")}</th>
          {sides.map((side) => (
            <td key={side.key}>{cell(s.columnTotals[side.n]!)}</td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
  return (
    <section aria-labelledby="compare-result">
      <h2 id="compare-result">{t("accommodation.compare_result")}</h2>
      <table>
        <caption>{t("accommodation.compare_figures_caption")}</caption>
        {head}
        <tbody>
          <tr>
            <th scope="row">{t("accommodation.compare_area")}</th>
            {sides.map((s) => (
              <td key={s.key}>{s.areaName}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("accommodation.housing_places")}</th>
            {sides.map((s) => (
              <td key={s.key}>{s.places}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("accommodation.compare_utilisation")}</th>
            {sides.map((s) => (
              <td key={s.key}>{s.utilisation === null ? "–" : `${s.utilisation} %`}</td>
            ))}
          </tr>
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
      {table(
        "ages",
        c.ages.bands,
        (b) => (b === "unknown" ? t("accommodation.structure_age_unknown") : b),
        c.ages,
      )}
      {table("sexes", c.sexes.sexes, (x) => t(`accommodation.structure_sex_${x}`), c.sexes)}
      <p>{t("accommodation.compare_note", { min: c.minCount })}</p>
    </section>
  );
}
