import type { ReactNode } from "react";
import type { ReleaseInfo } from "#app/modules/monitoring/types.ts";
import { useT } from "../../i18n.tsx";
import { Select } from "../form/index.ts";

/**
 * The GET form every monitoring view starts with: year and data version (Datenstand), plus
 * whatever the view adds (indicator, classification). Plain GET, so links can be shared and
 * the page works without JavaScript.
 */
export function PeriodForm({
  action,
  periods,
  period,
  releases,
  version,
  children,
}: {
  action: string;
  periods: readonly string[];
  period: string;
  releases: readonly ReleaseInfo[];
  version: number | null;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <form method="get" action={action} className="mv-form">
      <Select
        id="mv-period"
        name="period"
        label={t("monitoring.form_period")}
        defaultValue={period}
        options={[...periods].reverse().map((p) => ({ value: p, label: p }))}
      />
      <Select
        id="mv-version"
        name="version"
        label={t("monitoring.form_version")}
        defaultValue={version === null ? "" : String(version)}
        empty={t("monitoring.form_version_latest")}
        options={releases.map((r) => ({
          value: String(r.number),
          label: t("monitoring.form_version_option", { number: r.number, period: r.period }),
        }))}
      />
      {children}
      <div className="form-actions">
        <button type="submit">{t("monitoring.form_show")}</button>
      </div>
    </form>
  );
}
