import { data, Form, Link } from "react-router";
import { caseListQuery } from "#app/modules/casework/contracts.ts";
import { CASE_STATUSES, CASE_TYPES } from "#app/modules/casework/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/list";

const FILTERS = ["office", "phase", "status", "type", "worker", "q", "overdue"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(FILTERS.map((k) => [k, (params.get(k) ?? "").slice(0, 100)])) as Filters;
  const offset = Number(params.get("offset") ?? "0");
  const query = {
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== "")),
    offset: Number.isInteger(offset) && offset >= 0 ? offset : 0,
    limit: 50,
  };
  const options = await ctx.services.casework.cases.options(principal);
  const result = await formAction(ctx.t, () =>
    ctx.services.casework.cases.list(principal, parseInput(caseListQuery, query), {
      requestId: ctx.requestId,
    }),
  );
  const base = {
    filters,
    offices: options.offices.map((o) => ({ id: o.id, name: o.name })),
    phases: options.phases.map((p) => ({ key: p.key, label: p.label })),
    staff: options.staff,
    canCreate: can(principal, "cases.write"),
  };
  if ("data" in result) {
    return data(
      { ...base, errors: result.data.errors, items: [], hasMore: false, offset: 0 },
      result.init ?? undefined,
    );
  }
  return { ...base, errors: undefined, ...result.value };
}

export default function CaseList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { filters, errors, items, hasMore, offset, offices, phases, staff } = loaderData;
  const officeName = new Map(offices.map((o) => [o.id, o.name]));
  const phaseLabel = new Map(phases.map((p) => [p.key, p.label]));
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  const day = (d: string | null) => (d ? fmt.format(new Date(`${d}T00:00:00Z`)) : "—");
  const link = (o: number) => {
    const q = new URLSearchParams();
    for (const k of FILTERS) if (filters[k]) q.set(k, filters[k]);
    if (o > 0) q.set("offset", String(o));
    return `?${q.toString()}`;
  };
  return (
    <>
      <h1>{t("cases.list_title")}</h1>
      <p>
        {loaderData.canCreate ? (
          <Link className="button" to="/staff/cases/new">
            {t("cases.new_button")}
          </Link>
        ) : null}{" "}
        <Link to="/staff/households">{t("cases.households_link")}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <Form method="get" className="cases-filter" aria-labelledby="cases-filter-title">
        <h2 id="cases-filter-title">{t("cases.filter_title")}</h2>
        <div className="cases-filter-fields">
          <TextField name="q" label={t("cases.filter_q")} defaultValue={filters.q} errors={errors} />
          <Select
            name="office"
            label={t("cases.office")}
            empty={t("cases.filter_all")}
            options={offices.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={filters.office}
            errors={errors}
          />
          <Select
            name="phase"
            label={t("cases.phase")}
            empty={t("cases.filter_all")}
            options={phases.map((p) => ({ value: p.key, label: p.label }))}
            defaultValue={filters.phase}
            errors={errors}
          />
          <Select
            name="status"
            label={t("cases.status")}
            empty={t("cases.filter_all")}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status_${s}`) }))}
            defaultValue={filters.status}
            errors={errors}
          />
          <Select
            name="type"
            label={t("cases.case_type")}
            empty={t("cases.filter_all")}
            options={CASE_TYPES.map((s) => ({ value: s, label: t(`cases.type_${s}`) }))}
            defaultValue={filters.type}
            errors={errors}
          />
          <Select
            name="worker"
            label={t("cases.worker")}
            empty={t("cases.filter_all")}
            options={staff.map((s) => ({ value: s.id, label: s.displayName }))}
            defaultValue={filters.worker}
            errors={errors}
          />
          <Checkbox
            name="overdue"
            value="1"
            label={t("cases.filter_overdue")}
            defaultChecked={filters.overdue === "1"}
          />
        </div>
        <p>
          <button type="submit">{t("cases.filter_apply")}</button>{" "}
          <Link to="/staff/cases">{t("cases.filter_reset")}</Link>
        </p>
      </Form>
      <div className="table-wrap">
        <table>
          <caption>{t("cases.list_caption", { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.reference")}</th>
              <th scope="col">{t("cases.household")}</th>
              <th scope="col">{t("cases.case_type")}</th>
              <th scope="col">{t("cases.office")}</th>
              <th scope="col">{t("cases.phase")}</th>
              <th scope="col">{t("cases.status")}</th>
              <th scope="col">{t("cases.opened_on")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/staff/cases/${c.id}`}>{c.reference}</Link>
                </th>
                <td>{c.householdLabel}</td>
                <td>{t(`cases.type_${c.caseType}`)}</td>
                <td>{c.officeId ? (officeName.get(c.officeId) ?? "—") : "—"}</td>
                <td>{phaseLabel.get(c.phaseKey) ?? c.phaseKey}</td>
                <td>{t(`cases.status_${c.status}`)}</td>
                <td>{day(c.openedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p>{t("cases.list_empty")}</p> : null}
      <nav aria-label={t("cases.paging")} className="cases-paging">
        {offset > 0 ? <Link to={link(Math.max(0, offset - 50))}>{t("cases.previous")}</Link> : null}{" "}
        {hasMore ? <Link to={link(offset + 50)}>{t("cases.next")}</Link> : null}
      </nav>
    </>
  );
}
