import { data, Form, Link } from "react-router";
import { directionOf } from "#app/i18n/languages.ts";
import { auditQuery } from "#app/modules/audit/contracts.ts";
import { AUDIT_TIME_ZONE } from "#app/modules/audit/model.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  type AuditNames,
  actionLabel,
  entityLabel,
  fieldLabel,
  userIdsIn,
  valueText,
} from "../../components/audit-entries.ts";
import { ErrorSummary, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/audit";

const FILTERS = ["actor", "action", "entityType", "entityId", "from", "to"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

type Row = {
  id: string;
  at: string;
  atText: string;
  actorKind: string;
  actorUserId: string | null;
  /** The user's name, or "deleted user" when the id names no user any more. */
  actorName: string | null;
  action: string;
  /** The action in words; null shows its code. */
  actionText: string | null;
  entityType: string;
  /** The entity type in words; null shows its code. */
  entityText: string | null;
  entityId: string | null;
  /** Field label (null: show the code), old and new in words; `old` null when the entry created the value. */
  changes: { field: string; label: string | null; old: string | null; new: string }[];
  reason: string | null;
};

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(FILTERS.map((k) => [k, (params.get(k) ?? "").slice(0, 300)])) as Filters;
  const offset = Number(params.get("offset") ?? "0");
  const query = { ...filters, offset: Number.isInteger(offset) && offset >= 0 ? offset : 0, limit: 50 };
  const result = await formAction(ctx.t, () =>
    ctx.services.audit.search(principal, parseInput(auditQuery, query)),
  );
  if ("data" in result) {
    return data(
      { filters, errors: result.data.errors, rows: [] as Row[], hasMore: false, offset: 0, limit: 50 },
      result.init ?? undefined,
    );
  }
  const fmt = new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: AUDIT_TIME_ZONE,
  });
  const page = result.value;
  const tenantId = principal.tenantId;
  const userIds = page.items.flatMap((r) => [
    ...(r.actorUserId ? [r.actorUserId] : []),
    ...userIdsIn(r.changes),
  ]);
  const [users, offices, areas] = await Promise.all([
    ctx.services.users.namesByIds(tenantId, userIds),
    ctx.services.offices.listSummaries(tenantId),
    ctx.services.areas.list(tenantId),
  ]);
  const names: AuditNames = {
    users,
    offices: new Map(offices.map((o) => [o.id, o.name])),
    areas: new Map(areas.map((a) => [a.id, a.name])),
  };
  const t = ctx.t;
  const rows: Row[] = page.items.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    atText: fmt.format(r.at),
    actorKind: r.actorKind,
    actorUserId: r.actorUserId,
    actorName: r.actorUserId ? (users.get(r.actorUserId) ?? t("audit.actor_deleted")) : null,
    action: r.action,
    actionText: actionLabel(t, r.action),
    entityType: r.entityType,
    entityText: entityLabel(t, r.entityType),
    entityId: r.entityId,
    reason: r.reason,
    changes: Object.entries(r.changes ?? {}).map(([field, c]) => ({
      field,
      label: fieldLabel(t, field),
      old: c.old === null || c.old === undefined ? null : valueText(t, ctx.lang, field, c.old, names),
      new: valueText(t, ctx.lang, field, c.new, names),
    })),
  }));
  return { filters, errors: undefined, rows, hasMore: page.hasMore, offset: page.offset, limit: page.limit };
}

function pageLink(filters: Filters, offset: number): string {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) q.set(k, filters[k]);
  if (offset > 0) q.set("offset", String(offset));
  const s = q.toString();
  return s ? `?${s}` : "?";
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const rtl = directionOf(useLang()) === "rtl";
  const { filters, errors, rows, hasMore, offset, limit } = loaderData;
  const filterBy = (patch: Partial<Filters>) => pageLink({ ...filters, ...patch }, 0);
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="get" className="audit-filter" aria-labelledby="audit-filter-title">
        <h2 id="audit-filter-title">{t("audit.filter_title")}</h2>
        <div className="audit-filter-fields">
          <TextField
            name="action"
            label={t("audit.filter_action")}
            defaultValue={filters.action}
            errors={errors}
          />
          <TextField
            name="entityType"
            label={t("audit.filter_entity_type")}
            defaultValue={filters.entityType}
            errors={errors}
          />
          <TextField
            name="entityId"
            label={t("audit.filter_entity_id")}
            defaultValue={filters.entityId}
            errors={errors}
            dir="ltr"
          />
          <TextField
            name="actor"
            label={t("audit.filter_actor")}
            hint={t("audit.filter_actor_hint")}
            defaultValue={filters.actor}
            errors={errors}
            dir="ltr"
          />
          <TextField
            name="from"
            type="date"
            label={t("audit.filter_from")}
            defaultValue={filters.from}
            errors={errors}
          />
          <TextField
            name="to"
            type="date"
            label={t("audit.filter_to")}
            defaultValue={filters.to}
            errors={errors}
          />
        </div>
        <div className="actions">
          <button type="submit">{t("audit.filter_submit")}</button>
          <Link to="/staff/audit" className="button button-secondary">
            {t("audit.filter_reset")}
          </Link>
        </div>
      </Form>

      <div className="table-wrap">
        <table className="audit-table">
          <caption>
            {rows.length === 0
              ? t("audit.caption_empty")
              : t("audit.caption", { from: offset + 1, to: offset + rows.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.col_time")}</th>
              <th scope="col">{t("audit.col_actor")}</th>
              <th scope="col">{t("audit.col_action")}</th>
              <th scope="col">{t("audit.col_entity")}</th>
              <th scope="col">{t("audit.col_changes")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <time dateTime={r.at}>{r.atText}</time>
                </td>
                <td>
                  {r.actorUserId ? (
                    <Link to={filterBy({ actor: r.actorUserId })} title={t("audit.filter_by_actor")}>
                      <bdi>{r.actorName}</bdi>
                    </Link>
                  ) : r.actorKind === "cli" ? (
                    t("audit.actor_cli")
                  ) : (
                    t("audit.actor_system")
                  )}
                </td>
                <td>{r.actionText ?? <code>{r.action}</code>}</td>
                <td>
                  <Link to={filterBy({ entityType: r.entityType, entityId: r.entityId ?? "" })}>
                    {r.entityText ?? <code>{r.entityType}</code>}
                    {r.entityId ? (
                      <>
                        {" "}
                        <code dir="ltr">
                          {r.entityId.length > 13 ? `${r.entityId.slice(0, 8)}…` : r.entityId}
                        </code>
                      </>
                    ) : null}
                  </Link>
                  {r.reason ? (
                    <p className="hint">
                      {t("audit.reason")}: {r.reason}
                    </p>
                  ) : null}
                </td>
                <td>
                  {r.changes.length ? (
                    <dl className="audit-changes">
                      {r.changes.map((c) => (
                        <div key={c.field}>
                          <dt>{c.label ?? <code>{c.field}</code>}</dt>
                          <dd>
                            {c.old === null ? (
                              <bdi>{c.new}</bdi>
                            ) : (
                              <>
                                <span className="visually-hidden">{t("audit.old")}: </span>
                                <del>
                                  <bdi>{c.old}</bdi>
                                </del>
                                <span aria-hidden="true">{rtl ? " ← " : " → "}</span>
                                <span className="visually-hidden">, {t("audit.new")}: </span>
                                <ins>
                                  <bdi>{c.new}</bdi>
                                </ins>
                              </>
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("audit.paging")} className="pager">
        {offset > 0 ? (
          <Link to={pageLink(filters, Math.max(0, offset - limit))} rel="prev">
            {t("audit.newer")}
          </Link>
        ) : null}
        {hasMore ? (
          <Link to={pageLink(filters, offset + limit)} rel="next">
            {t("audit.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
