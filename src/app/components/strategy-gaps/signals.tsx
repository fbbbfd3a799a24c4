import { displayCount, type SafeCount } from "#app/modules/statistics/small-cells.ts";
import type { GapAnalysis } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";

type Reading = GapAnalysis["cells"][number][number]["signals"][number];
type Info = GapAnalysis["signals"][number];

/** One cell's further need signals, each named by its label (the sources are listed below the table). */
export function CellSignals(props: { readings: Reading[]; signals: Info[]; minCount: number; lang: string }) {
  const t = useT();
  if (props.readings.length === 0) return null;
  const rule = { minCount: props.minCount, minDenominator: 0, minNumerator: 0, suppressZero: false };
  const show = (c: SafeCount | null) => (c ? displayCount(c, rule) : "–");
  const fmt = new Intl.NumberFormat(props.lang, { maximumFractionDigits: 1 });
  return (
    <ul className="plain">
      {props.readings.map((r) => {
        const label = props.signals.find((s) => s.id === r.signalId)?.label ?? "";
        if (r.value !== null)
          return (
            <li key={r.signalId}>
              {t("strategy.signal_monitoring_reading", {
                label,
                value: fmt.format(r.value),
                period: r.period ?? "–",
                at: r.at,
              })}
            </li>
          );
        const share =
          r.count?.value != null && r.base?.value ? fmt.format((100 * r.count.value) / r.base.value) : "–";
        return (
          <li key={r.signalId}>
            {t("strategy.signal_survey_reading", {
              label,
              count: show(r.count),
              base: show(r.base),
              share,
              at: r.at,
            })}
          </li>
        );
      })}
    </ul>
  );
}

/** Where each figure of the table comes from: case work's open needs, then every signal with its source. */
export function GapSources(props: { signals: Info[]; terms: { id: string; label: string }[] }) {
  const t = useT();
  return (
    <section aria-labelledby="gap-sources">
      <h2 id="gap-sources">{t("strategy.gap_sources_title")}</h2>
      <ul>
        <li>{t("strategy.gap_source_cases")}</li>
        {props.signals.map((s) => (
          <li key={s.id}>
            {t(`strategy.gap_source_${s.kind}`, {
              label: s.label,
              term: props.terms.find((x) => x.id === s.termId)?.label ?? "–",
              source: s.source,
            })}
            {s.unavailable ? ` ${t(`strategy.signal_${s.unavailable}`)}` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
