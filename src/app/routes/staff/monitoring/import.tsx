import { Link } from "react-router";
import { IMPORT_MAX_BYTES, IMPORT_MAX_VALUES } from "#app/modules/monitoring/import.ts";
import { FIRST_PERIOD } from "#app/modules/monitoring/import-parse.ts";
import { ImportUploadStep } from "../../../components/import-wizard/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import { startImportRun } from "../../../server/import-wizard.server.ts";
import type { Route } from "./+types/import";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const elements = await ctx.services.monitoringImport.columns(principal, ctx.tenant.id);
  return {
    title: ctx.t("monitoring_import.title"),
    maxMb: IMPORT_MAX_BYTES / 2 ** 20,
    maxValues: IMPORT_MAX_VALUES,
    // Years as text: a number would be shown with a digit group ("1.950").
    firstPeriod: String(FIRST_PERIOD),
    lastPeriod: String(ctx.services.core.clock.now().getUTCFullYear()),
    elements: elements.map((e) => ({
      code: e.code,
      name: e.labelKey ? ctx.t(e.labelKey) : e.name,
      count: e.valueType === "count",
      dimensions: Object.entries(e.dimensions)
        .filter(([, options]) => options && options.length > 0)
        .map(([dim, options]) => ({ dim, options: options ?? [] })),
    })),
  };
}

/**
 * Step 1 of the wizard (decision 043): the uploaded file becomes an import run; its preview
 * runs as a job and the run's page (monitoring/data/import/:runId) shows it and confirms it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "monitoring");
}

const LONG_EXAMPLE = `Gebiet;Jahr;Merkmal;Wert;Geschlecht
unna-mitte;2023;population;17900;
unna-mitte;2023;population;9120;f`;
const WIDE_EXAMPLE = `Gebiet;Jahr;population;population{sex:f};population{age:65+}
unna-mitte;2023;17900;9120;4800`;

export default function MonitoringImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/staff/monitoring/data">{t("monitoring_import.back_to_data")}</Link>
      </p>
      <ImportUploadStep
        title={t("monitoring_import.title")}
        intro={<Formats loaderData={loaderData} />}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        fileLabel={t("monitoring_import.file")}
        fileHint={t("monitoring_import.file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxValues })}
        errors={actionData?.errors}
      />
    </>
  );
}

/** The two layouts, the rules and the elements a file may name. */
function Formats({ loaderData }: { loaderData: Route.ComponentProps["loaderData"] }) {
  const t = useT();
  return (
    <>
      <p>{t("monitoring_import.intro")}</p>
      <section aria-labelledby="import-formats-title" className="monitoring-import-formats">
        <h2 id="import-formats-title">{t("monitoring_import.formats_title")}</h2>
        <h3>{t("monitoring_import.long_title")}</h3>
        <p>{t("monitoring_import.long_text")}</p>
        <pre dir="ltr">
          <code>{LONG_EXAMPLE}</code>
        </pre>
        <h3>{t("monitoring_import.wide_title")}</h3>
        <p>{t("monitoring_import.wide_text")}</p>
        <pre dir="ltr">
          <code>{WIDE_EXAMPLE}</code>
        </pre>
        <ul>
          <li>{t("monitoring_import.rule_numbers")}</li>
          <li>{t("monitoring_import.rule_counts")}</li>
          <li>
            {t("monitoring_import.rule_periods", {
              first: loaderData.firstPeriod,
              last: loaderData.lastPeriod,
            })}
          </li>
          <li>{t("monitoring_import.rule_all_or_nothing")}</li>
        </ul>
        <p>
          <a href="/api/v1/monitoring/import/template.csv" download>
            {t("monitoring_import.template")}
          </a>
        </p>
        <details>
          <summary>{t("monitoring_import.elements_caption")}</summary>
          <div className="table-wrap">
            <table>
              <caption>{t("monitoring_import.elements_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring_import.col_code")}</th>
                  <th scope="col">{t("monitoring_import.col_name")}</th>
                  <th scope="col">{t("monitoring_import.col_type")}</th>
                  <th scope="col">{t("monitoring_import.col_breakdowns")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.elements.map((e) => (
                  <tr key={e.code}>
                    <th scope="row">
                      <code>{e.code}</code>
                    </th>
                    <td>{e.name}</td>
                    <td>{t(e.count ? "monitoring_import.type_count" : "monitoring_import.type_number")}</td>
                    <td>
                      {e.dimensions.map((d) => (
                        <span key={d.dim} className="monitoring-import-dim">
                          <code>{d.dim}</code>: <code>{d.options.join(" | ")}</code>{" "}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </>
  );
}
