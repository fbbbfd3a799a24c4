import type { Progress } from "#app/modules/strategy/model.ts";
import { useT } from "../i18n.tsx";

/** A node's progress and, in words, where the number comes from (issue 16: every number shows its source). */
export function ProgressText({ progress }: { progress: Progress }) {
  const t = useT();
  const s = progress.source;
  if (s.kind === "error") return <span className="field-error">{t(`strategy.progress_${s.code}`)}</span>;
  const source =
    s.kind === "children"
      ? t("strategy.source_children", { count: s.count, weights: s.weightSum })
      : s.kind === "status"
        ? t("strategy.source_status", { status: t(`strategy.status_${s.status}`) })
        : t("strategy.source_own");
  return (
    <span>
      {t("strategy.progress_value", { value: progress.value ?? 0 })} <span className="hint">({source})</span>
    </span>
  );
}
