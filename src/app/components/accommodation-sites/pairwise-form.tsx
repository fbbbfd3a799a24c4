import { Form } from "react-router";
import type { CriterionView } from "#app/modules/accommodation/contracts.ts";
import type { PairwiseJudgement } from "#app/modules/accommodation/model.ts";
import type { PairwiseView, WeightsView } from "#app/modules/accommodation/weights.contracts.ts";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, ErrorSummary, Notice, Select } from "../form/index.ts";

/** A judgement as a select value: "a5" = a is 5 times as important, "b3" = b 3 times, "1" = equal. */
export const judgementValue = (j: Pick<PairwiseJudgement, "favours" | "intensity">) =>
  j.intensity === 1 ? "1" : `${j.favours}${j.intensity}`;

/** The select value back as a judgement; anything else is NaN, which the contract refuses at the field. */
export function parseJudgement(value: string): Pick<PairwiseJudgement, "favours" | "intensity"> {
  if (value === "1") return { favours: "a", intensity: 1 };
  const m = /^([ab])([2-9])$/.exec(value);
  return m
    ? { favours: m[1] as "a" | "b", intensity: Number(m[2]) }
    : { favours: "a", intensity: Number.NaN };
}

/** Every pair of criteria once, in the order of the criteria list. */
export function criterionPairs<C>(criteria: readonly C[]): [C, C][] {
  return criteria.flatMap((a, i) => criteria.slice(i + 1).map((b) => [a, b] as [C, C]));
}

const fmt = (v: number, digits: number) => v.toLocaleString("de-DE", { maximumFractionDigits: digits });

/**
 * The pairwise comparison of the criteria (AHP, decision 130): one native select per pair on
 * Saaty's 1–9 scale in a table, so it works by keyboard and without JavaScript; "compute" shows
 * the weights and the consistency ratio, "adopt" makes them the next weight set when consistent.
 * The judgements start from the last pairwise set adopted, or as posted, else "equal".
 */
export function PairwiseForm({
  criteria,
  view,
  posted,
  result,
  errors,
}: {
  criteria: CriterionView[];
  view: WeightsView;
  posted: Record<string, string> | undefined;
  result: PairwiseView | undefined;
  errors: ErrorSource | undefined;
}) {
  const t = useT();
  const pairs = criterionPairs(criteria);
  const last = view.sets.find((s) => s.source.kind === "pairwise")?.source;
  const before = (a: string, b: string) => {
    if (last?.kind !== "pairwise") return "1";
    const j = last.comparisons.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
    if (!j) return "1";
    return judgementValue(j.a === a ? j : { ...j, favours: j.favours === "a" ? "b" : "a" });
  };
  const name = new Map(criteria.map((c) => [c.id, c.name]));
  const option = (who: string, intensity: number, side: "a" | "b") => ({
    value: `${side}${intensity}`,
    label: t("accommodation.ahp_option", {
      name: who,
      intensity,
      verbal: t(`accommodation.ahp_verbal_${intensity}`),
    }),
  });
  const scale = [9, 8, 7, 6, 5, 4, 3, 2];
  return (
    <Form method="post" noValidate aria-labelledby="ahp-title">
      <h2 id="ahp-title">{t("accommodation.ahp_title")}</h2>
      <p>{t("accommodation.ahp_intro")}</p>
      <ErrorSummary errors={errors} />
      {result && <PairwiseResult result={result} name={name} />}
      <input type="hidden" name="intent" value="pairwise" />
      <input type="hidden" name="basis" value={view.sets[0] ? String(view.sets[0].number) : ""} />
      {pairs.length === 0 ? (
        <p>{t("accommodation.ahp_too_few")}</p>
      ) : (
        <>
          <table>
            <caption>{t("accommodation.ahp_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accommodation.ahp_col_pair")}</th>
                <th scope="col">{t("accommodation.ahp_col_judgement")}</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map(([a, b], k) => (
                <tr key={`${a.id}|${b.id}`}>
                  <th scope="row">{t("accommodation.ahp_pair", { a: a.name, b: b.name })}</th>
                  <td>
                    <input type="hidden" name={`comparisons.${k}.a`} value={a.id} />
                    <input type="hidden" name={`comparisons.${k}.b`} value={b.id} />
                    <Select
                      name={`comparisons.${k}`}
                      label={t("accommodation.ahp_judgement_label", { a: a.name, b: b.name })}
                      options={[
                        ...scale.map((i) => option(a.name, i, "a")),
                        { value: "1", label: t("accommodation.ahp_equal") },
                        ...[...scale].reverse().map((i) => option(b.name, i, "b")),
                      ]}
                      defaultValue={posted?.[`comparisons.${k}`] ?? before(a.id, b.id)}
                      errors={errors}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" name="step" value="compute">
            {t("accommodation.ahp_compute")}
          </button>{" "}
          <button type="submit" name="step" value="adopt">
            {t("accommodation.ahp_adopt", { number: (view.sets[0]?.number ?? 0) + 1 })}
          </button>
        </>
      )}
    </Form>
  );
}

/** The computed weights as a table, the consistency ratio, and the pair that fits least. */
function PairwiseResult({ result, name }: { result: PairwiseView; name: Map<string, string> }) {
  const t = useT();
  const w = result.worst;
  return (
    <>
      {result.set && (
        <Notice kind="success">{t("accommodation.ahp_adopted", { number: result.set.number })}</Notice>
      )}
      <table>
        <caption>{t("accommodation.ahp_result_caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accommodation.criterion_name")}</th>
            <th scope="col">{t("accommodation.scorecard_share")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.weights).map(([id, v]) => (
            <tr key={id}>
              <th scope="row">{name.get(id)}</th>
              <td>{`${fmt(v * 100, 1)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">
        {t("accommodation.ahp_cr", { cr: fmt(result.consistencyRatio, 3), limit: fmt(result.limit, 2) })}{" "}
        {result.consistent || !w
          ? t("accommodation.ahp_consistent")
          : t("accommodation.ahp_inconsistent", {
              a: name.get(w.a) ?? "",
              b: name.get(w.b) ?? "",
              favoured: name.get(w.implied.favours === "a" ? w.a : w.b) ?? "",
              other: name.get(w.implied.favours === "a" ? w.b : w.a) ?? "",
              intensity: w.implied.intensity,
            })}
      </p>
    </>
  );
}
