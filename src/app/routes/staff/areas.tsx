import { Link } from "react-router";
import { LEVEL_LABEL_KEYS } from "#app/modules/areas/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { AreaMap } from "../../components/area-map.tsx";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/areas";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const areas = await ctx.services.areas.list(ctx.tenant.id);
  return {
    title: ctx.t("areas.title"),
    areas: areas.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      level: a.level,
      parentCode: a.parentCode,
      parentName: a.parentName,
      approximate: a.approximate,
      sourceNote: a.sourceNote,
    })),
    canImport: can(principal, "areas.import"),
    basemapStyleUrl: ctx.services.core.config.basemapStyleUrl ?? null,
  };
}

/** Map and table show the same areas; the table renders on the server and needs no map. */
export default function Areas({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { areas } = loaderData;
  const anyApproximate = areas.some((a) => a.approximate);
  return (
    <>
      <h1>{t("areas.title")}</h1>
      <p>{t("areas.intro")}</p>
      {loaderData.canImport ? (
        <p>
          <Link to="/staff/areas/import" className="button button-secondary">
            {t("areas.import_link")}
          </Link>
        </p>
      ) : null}
      {anyApproximate ? <Notice kind="warning">{t("areas.approximate_note")}</Notice> : null}
      {areas.length === 0 ? (
        <p>{t("areas.empty")}</p>
      ) : (
        <>
          <AreaMap styleUrl={loaderData.basemapStyleUrl} />
          <div className="table-wrap">
            <table className="areas-table">
              <caption>{t("areas.table_caption", { count: areas.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("areas.col_code")}</th>
                  <th scope="col">{t("areas.col_name")}</th>
                  <th scope="col">{t("areas.col_level")}</th>
                  <th scope="col">{t("areas.col_parent")}</th>
                  <th scope="col">{t("areas.col_geometry")}</th>
                </tr>
              </thead>
              <tbody>
                {areas.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <code>{a.code}</code>
                    </td>
                    <th scope="row">{a.name}</th>
                    <td>{t(LEVEL_LABEL_KEYS[a.level])}</td>
                    <td>
                      {a.parentCode ? (
                        <>
                          {a.parentName} (<code>{a.parentCode}</code>)
                        </>
                      ) : (
                        t("areas.no_parent")
                      )}
                    </td>
                    <td>
                      {a.approximate ? (
                        <span className="area-badge area-badge-approximate">{t("areas.approximate")}</span>
                      ) : (
                        t("areas.exact")
                      )}
                      {a.sourceNote ? (
                        <span className="area-source">{t("areas.source_note", { note: a.sourceNote })}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
