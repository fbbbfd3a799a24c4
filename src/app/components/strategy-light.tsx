import type { Light, RolledLight } from "#app/modules/strategy/evaluation.model.ts";
import { useT } from "../i18n.tsx";

/** A traffic light in words (never by colour alone), with the counts it was rolled up from. */
export function LightText({ light, counts }: { light: Light; counts?: RolledLight["counts"] }) {
  const t = useT();
  return (
    <span className={`strategy-light strategy-light-${light}`}>
      {t("strategy.light_label", { light: t(`strategy.light_${light}`) })}
      {counts && light !== "none" ? (
        <span className="hint">
          {" "}
          ({t("strategy.light_counts", { red: counts.red, amber: counts.amber, green: counts.green })})
        </span>
      ) : null}
    </span>
  );
}
