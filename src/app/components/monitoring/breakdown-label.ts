import type { Translate } from "#app/i18n/translator.ts";
import { parseAgeOption, parseBreakdownKey } from "#app/modules/monitoring/formula.ts";
import type { BreakdownDimension } from "#app/modules/monitoring/model.ts";
import { ageLimitLabel, OPTION_LABEL_KEYS } from "#app/modules/monitoring/templates.ts";

/** A breakdown option in words ("female", "65 and older"), the option itself when unknown. */
export function optionLabel(t: Translate, dim: string, option: string): string {
  const key = OPTION_LABEL_KEYS[dim as BreakdownDimension]?.[option];
  if (key) return t(key);
  const age = dim === "age" ? parseAgeOption(option) : null;
  if (age) {
    const l = ageLimitLabel(age);
    return t(l.key, l.params);
  }
  return option;
}

/** A grid column's heading: the total, or "dimension: option". */
export function columnLabel(t: Translate, dim: string | null, option: string | null): string {
  return dim === null || option === null
    ? t("monitoring_data.grid_total")
    : t("monitoring_data.grid_option", {
        dim: t(`monitoring_data.dim_${dim}`),
        option: optionLabel(t, dim, option),
      });
}

/** A whole breakdown key ("sex:f;age:65+") in words, parts joined; "" is the total. */
export function breakdownLabel(t: Translate, key: string): string {
  const parts = parseBreakdownKey(key);
  if (!parts) return key;
  if (parts.length === 0) return columnLabel(t, null, null);
  return parts.map((p) => columnLabel(t, p.dim, p.option)).join(", ");
}
