import { Form, Link } from "react-router";
import { ENTITY_TYPES, type EntityType, LIST_STATUSES } from "#app/modules/directory/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { formatDate } from "../../../components/directory-editor.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/list";

const PAGE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  const typeParam = url.searchParams.get("type") ?? "offer";
  const type: EntityType = (ENTITY_TYPES as readonly string[]).includes(typeParam)
    ? (typeParam as EntityType)
    : "offer";
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (LIST_STATUSES as readonly string[]).includes(statusParam) ? statusParam : "";
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const page = Math.max(0, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "0", 10) || 0));
  const items = await ctx.services.directory.list(principal, type, {
    status: status || undefined,
    q: q || undefined,
    limit: PAGE + 1,
    offset: page * PAGE,
  });
  return {
    type,
    status,
    q,
    page,
    items: items.slice(0, PAGE),
    hasMore: items.length > PAGE,
    canEdit: can(principal, "directory.edit"),
    canReview: can(principal, "directory.publish"),
    canTranslate: can(principal, "directory.translate"),
  };
}

export default function DirectoryList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { type, status, q, page, items } = loaderData;
  const link = (over: Record<string, string | number>) => {
    const p = new URLSearchParams({ type, ...(status ? { status } : {}), ...(q ? { q } : {}) });
    for (const [k, v] of Object.entries(over)) p.set(k, String(v));
    return `/staff/directory?${p}`;
  };
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <ul className="dir-links">
        {loaderData.canReview ? (
          <li>
            <Link to="/staff/directory/review">{t("directory.review_queue")}</Link>
          </li>
        ) : null}
        {loaderData.canTranslate ? (
          <li>
            <Link to="/staff/directory/translations">{t("directory.translation_overview")}</Link>
          </li>
        ) : null}
      </ul>
      <nav aria-label={t("directory.types_label")} className="dir-tabs">
        <ul>
          {ENTITY_TYPES.map((ty) => (
            <li key={ty}>
              <Link to={`/staff/directory?type=${ty}`} aria-current={ty === type ? "page" : undefined}>
                {t(`directory.types_${ty}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="dir-filter" role="search">
        <input type="hidden" name="type" value={type} />
        <div className="field">
          <label htmlFor="f-q">{t("directory.search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("directory.status_filter")}</label>
          <select id="f-status" name="status" defaultValue={status}>
            <option value="">{t("directory.status_all")}</option>
            {LIST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`directory.list_status_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("directory.filter")}</button>
      </Form>
      {loaderData.canEdit ? (
        <p>
          <Link className="button" to={`/staff/directory/${type}/new`}>
            {t(`directory.new_${type}`)}
          </Link>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t("directory.empty")}</p>
      ) : (
        <table className="data-table">
          <caption>{t(`directory.types_${type}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.col_name")}</th>
              <th scope="col">{t("directory.col_organization")}</th>
              <th scope="col">{t("directory.col_status")}</th>
              <th scope="col">{t("directory.col_change")}</th>
              <th scope="col">{t("directory.col_checked")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={`/staff/directory/${type}/${i.id}`}>{i.name}</Link>
                </th>
                <td>{i.organizationName ?? "–"}</td>
                <td>{t(`directory.status_${i.status}`)}</td>
                <td>
                  {i.pending ? (
                    <Link to={`/staff/directory/revisions/${i.pending.id}`}>
                      {t(`directory.revision_status_${i.pending.status}`)}
                    </Link>
                  ) : (
                    "–"
                  )}
                </td>
                <td>
                  {i.lastCheckedAt ? formatDate(i.lastCheckedAt, lang) : t("directory.never")}
                  {i.checkDue ? <span className="dir-badge"> {t("directory.check_due")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t("directory.pages_label")} className="dir-pager">
        {page > 0 ? <Link to={link({ page: page - 1 })}>{t("directory.previous")}</Link> : null}
        {loaderData.hasMore ? <Link to={link({ page: page + 1 })}>{t("directory.next")}</Link> : null}
      </nav>
    </>
  );
}
