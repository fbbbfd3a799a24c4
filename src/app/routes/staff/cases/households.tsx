import { data, Form, Link } from "react-router";
import { listHouseholdsQuery } from "#app/modules/casework/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/households";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 100);
  const offset = params.get("offset") ?? "0";
  const offices = await ctx.services.offices.listSummaries(ctx.tenant.id);
  const result = await formAction(ctx.t, () =>
    ctx.services.casework.households.list(principal, parseInput(listHouseholdsQuery, { q, offset }), {
      requestId: ctx.requestId,
    }),
  );
  const officeNames = Object.fromEntries(offices.map((o) => [o.id, o.name]));
  if ("data" in result) {
    return data(
      { q, officeNames, errors: result.data.errors, items: [], hasMore: false, offset: 0 },
      result.init ?? undefined,
    );
  }
  const v = result.value;
  return {
    q,
    officeNames,
    errors: undefined,
    items: v.items.map((i) => ({ id: i.id, label: i.label, officeId: i.officeId })),
    hasMore: v.hasMore,
    offset: v.offset,
  };
}

export default function Households({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { q, items, hasMore, offset, errors, officeNames } = loaderData;
  const link = (o: number) =>
    `?${new URLSearchParams({ ...(q ? { q } : {}), ...(o ? { offset: String(o) } : {}) })}`;
  return (
    <>
      <p>
        <Link to="/staff/cases">{t("cases.back_to_list")}</Link>
      </p>
      <h1>{t("cases.households_title")}</h1>
      <ErrorSummary errors={errors} />
      <Form method="get" className="stack" aria-labelledby="households-search">
        <h2 id="households-search">{t("cases.households_search")}</h2>
        <TextField name="q" label={t("cases.household_label")} defaultValue={q} errors={errors} />
        <p>
          <button type="submit">{t("cases.filter_apply")}</button>
        </p>
      </Form>
      <div className="table-wrap">
        <table>
          <caption>{t("cases.households_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.household")}</th>
              <th scope="col">{t("cases.office")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.id}>
                <th scope="row">
                  <Link to={`/staff/households/${h.id}`}>{h.label}</Link>
                </th>
                <td>{h.officeId ? (officeNames[h.officeId] ?? "—") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p>{t("cases.households_none")}</p> : null}
      <nav aria-label={t("cases.paging")}>
        {offset > 0 ? <Link to={link(Math.max(0, offset - 50))}>{t("cases.previous")}</Link> : null}{" "}
        {hasMore ? <Link to={link(offset + 50)}>{t("cases.next")}</Link> : null}
      </nav>
    </>
  );
}
