import { data, Link } from "react-router";
import { ENTITY_TYPES, type EntityType } from "#app/modules/directory/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { formatDate } from "../../../components/directory-editor.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/history";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!(ENTITY_TYPES as readonly string[]).includes(params.type) || !isUuid(params.id))
    throw data(null, { status: 404 });
  const type = params.type as EntityType;
  const [entry, items] = await Promise.all([
    ctx.services.directory.get(principal, type, params.id),
    ctx.services.directory.revisions(principal, type, params.id),
  ]);
  return { type, id: params.id, status: entry.status, items };
}

export default function History({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { type, id, items } = loaderData;
  return (
    <>
      <p>
        <Link to={`/staff/directory/${type}/${id}`}>{t("directory.back_to_entry")}</Link>
      </p>
      <h1>{t("directory.history")}</h1>
      {items.length === 0 ? (
        <p>{t("directory.history_empty")}</p>
      ) : (
        <table className="data-table">
          <caption>{items[0]?.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.col_revision")}</th>
              <th scope="col">{t("directory.col_status")}</th>
              <th scope="col">{t("directory.col_created")}</th>
              <th scope="col">{t("directory.reviewed_at")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/staff/directory/revisions/${r.id}`}>
                    {t("directory.revision_n", { n: r.number })}
                  </Link>
                </th>
                <td>{t(`directory.revision_status_${r.status}`)}</td>
                <td>{formatDate(r.createdAt, lang, true)}</td>
                <td>{r.reviewedAt ? formatDate(r.reviewedAt, lang, true) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
