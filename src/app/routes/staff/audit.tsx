import { data, Form, Link } from "react-router";
import { directionOf } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import { auditQuery } from "#app/modules/audit/contracts.ts";
import { AUDIT_TIME_ZONE } from "#app/modules/audit/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/audit";

const FILTERS = ["actor", "action", "entityType", "entityId", "from", "to"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** Actions with a label in the catalog; any other action is shown by its code. */
const ACTION_LABELS: Record<string, string> = {
  create: "audit.action_create",
  update: "audit.action_update",
  delete: "audit.action_delete",
  read: "audit.action_read",
  login: "audit.action_login",
  login_failed: "audit.action_login_failed",
  logout: "audit.action_logout",
  export: "audit.action_export",
  import: "audit.action_import",
  break_glass: "audit.action_break_glass",
};

type Row = {
  id: string;
  at: string;
  atText: string;
  actorKind: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: { field: string; old: string; new: string }[];
  reason: string | null;
};

const MAX_VALUE = 300;
function showValue(v: unknown, t: Translate): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? t("audit.yes") : t("audit.no");
  if (Array.isArray(v)) return v.length ? v.map((x) => showValue(x, t)).join(", ") : "—";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

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
  const rows: Row[] = page.items.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    atText: fmt.format(r.at),
    actorKind: r.actorKind,
    actorUserId: r.actorUserId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    reason: r.reason,
    changes: Object.entries(r.changes ?? {}).map(([field, c]) => ({
      field,
      old: showValue(c.old, ctx.t),
      new: showValue(c.new, ctx.t),
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
                    <Link
                      to={filterBy({ actor: r.actorUserId })}
                      title={t("audit.filter_by_actor")}
                      dir="ltr"
                    >
                      <code>{r.actorUserId.slice(0, 8)}</code>
                    </Link>
                  ) : r.actorKind === "cli" ? (
                    t("audit.actor_cli")
                  ) : (
                    t("audit.actor_system")
                  )}
                </td>
                <td>{ACTION_LABELS[r.action] ? t(ACTION_LABELS[r.action]!) : <code>{r.action}</code>}</td>
                <td>
                  <Link to={filterBy({ entityType: r.entityType, entityId: r.entityId ?? "" })}>
                    <code>{r.entityType}</code>
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
                          <dt>
                            <code>{c.field}</code>
                          </dt>
                          <dd>
                            <span className="visually-hidden">{t("audit.old")}: </span>
                            <del>{c.old}</del>
                            <span aria-hidden="true">{rtl ? " ← " : " → "}</span>
                            <span className="visually-hidden">, {t("audit.new")}: </span>
                            <ins>{c.new}</ins>
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
