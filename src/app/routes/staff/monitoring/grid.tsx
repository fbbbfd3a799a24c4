import { data, Form, Link, useNavigation } from "react-router";
import { gridCellId } from "#app/modules/monitoring/model.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { columnLabel as columnLabelOf } from "../../../components/monitoring/breakdown-label.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/grid";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const element = new URL(request.url).searchParams.get("element") ?? "population";
  const r = await formAction(ctx.t, () =>
    ctx.services.monitoringData.grid(principal, ctx.tenant.id, params.period, element),
  );
  if ("data" in r) throw data(null, { status: 404 });
  const grid = r.value;
  const elementName = grid.element.labelKey ? ctx.t(grid.element.labelKey) : grid.element.name;
  return {
    title: ctx.t("monitoring_data.grid_title", { element: elementName, period: grid.period }),
    grid,
    elementName,
  };
}

type ActionResult =
  | { ok: true; changed: number }
  | { ok: false; errors: FormErrors; values: Record<string, string>; conflict: boolean };

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const element = new URL(request.url).searchParams.get("element") ?? "population";
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (k.startsWith("v.") && typeof v === "string") values[k] = v;
  const version = Number(form.get("version"));
  const r = await formAction(ctx.t, () =>
    ctx.services.monitoringData.saveGrid(
      principal,
      ctx.tenant.id,
      params.period,
      element,
      values,
      Number.isInteger(version) ? version : -1,
    ),
  );
  if ("data" in r) {
    const d = r.data as { ok: false; errors: FormErrors };
    return data(
      { ...d, values, conflict: d.errors.code === "version_conflict" } satisfies ActionResult,
      r.init ?? undefined,
    );
  }
  return { ok: true, changed: r.value.changed } satisfies ActionResult;
}

export default function Grid({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { grid } = loaderData;
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const shown = (name: string, stored: number | undefined) =>
    failed ? (failed.values[name] ?? "") : stored === undefined ? "" : String(stored);
  const columnLabel = (dim: string | null, option: string | null) => columnLabelOf(t, dim, option);
  return (
    <>
      <p>
        <Link to="/staff/monitoring/data">{t("monitoring_data.back")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p>{t("monitoring_data.grid_intro")}</p>
      {grid.status === "approved" ? <Notice>{t("monitoring_data.grid_approved_note")}</Notice> : null}
      {result?.ok ? (
        <Notice kind="success">{t("monitoring_data.grid_saved", { count: result.changed })}</Notice>
      ) : null}
      {failed?.conflict ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("monitoring_data.grid_conflict")}</p>
        </div>
      ) : (
        <ErrorSummary errors={failed?.errors} />
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="version" value={grid.periodVersion} />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
        <section className="table-scroll" aria-labelledby="md-grid-caption" tabIndex={0}>
          <table className="md-grid">
            <caption id="md-grid-caption">{loaderData.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("monitoring_data.grid_area")}</th>
                {grid.columns.map((c) => (
                  <th scope="col" key={c.breakdown}>
                    {columnLabel(c.dim, c.option)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.areas.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  {grid.columns.map((c) => {
                    const name = `v.${a.id}.${c.breakdown || "total"}`;
                    const error = failed?.errors.fields[name];
                    const id = gridCellId(a.code, c.breakdown);
                    return (
                      <td key={c.breakdown}>
                        <input
                          id={id}
                          name={name}
                          inputMode="decimal"
                          dir="ltr"
                          size={8}
                          aria-label={`${a.name}, ${columnLabel(c.dim, c.option)}`}
                          defaultValue={shown(name, grid.values[a.id]?.[c.breakdown])}
                          key={`${name}-${grid.periodVersion}-${failed ? "f" : "s"}`}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                        />
                        {error ? (
                          <p className="field-error" id={`${id}-error`}>
                            {error}
                          </p>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}
