import type { ReactNode } from "react";
import type { ReleaseInfo } from "#app/modules/monitoring/types.ts";
import { useT } from "../../i18n.tsx";

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
      <div className="field">
        <label htmlFor="mv-period">{t("monitoring.form_period")}</label>
        <select id="mv-period" name="period" defaultValue={period}>
          {[...periods].reverse().map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="mv-version">{t("monitoring.form_version")}</label>
        <select id="mv-version" name="version" defaultValue={version === null ? "" : String(version)}>
          <option value="">{t("monitoring.form_version_latest")}</option>
          {releases.map((r) => (
            <option key={r.number} value={r.number}>
              {t("monitoring.form_version_option", { number: r.number, period: r.period })}
            </option>
          ))}
        </select>
      </div>
      {children}
      <div className="form-actions">
        <button type="submit">{t("monitoring.form_show")}</button>
      </div>
    </form>
  );
}
