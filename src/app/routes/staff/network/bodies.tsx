import { data, Form, Link, redirect } from "react-router";
import { createBodyInput, pageFrom } from "#app/modules/network/contracts.ts";
import { BODY_KINDS } from "#app/modules/network/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, formString, Select, TextField } from "../../../components/form/index.ts";
import { Pager } from "../../../components/network/pager.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/bodies";

const PAGE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const canManage = can(principal, "network.manage");
  const page = pageFrom(new URL(request.url), PAGE);
  const [bodies, areas, axes] = await Promise.all([
    ctx.services.network.listBodies(principal, page),
    ctx.services.areas.list(ctx.tenant.id),
    ctx.services.framework.list(ctx.tenant.id, ctx.lang),
  ]);
  const fields = axes.filter((a) => a.kind === "field_of_action").flatMap((a) => a.terms);
  return {
    bodies: bodies.items,
    total: bodies.total,
    offset: page.offset,
    canManage,
    areas: areas.map((a) => ({ id: a.id, name: a.name })),
    fields: fields.map((f) => ({ id: f.id, label: f.label?.text ?? f.key })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "network.manage");
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.network.createBody(
      { kind: "user", principal },
      parseInput(createBodyInput, {
        name: formString(form, "name"),
        kind: formString(form, "kind"),
        areaId: formString(form, "areaId"),
        fieldsOfAction: form.getAll("fieldsOfAction").filter((v) => typeof v === "string"),
        publicBody: formString(form, "publicBody") === "on",
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return redirect(`/staff/network/bodies/${result.value.id}`);
}

export default function Bodies({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const areaName = new Map(loaderData.areas.map((a) => [a.id, a.name]));
  const fieldLabel = new Map(loaderData.fields.map((f) => [f.id, f.label]));
  return (
    <>
      <h1>{t("network.title")}</h1>
      <p>{t("network.intro")}</p>
      <p>
        <Link to="/staff/network/follow-up">{t("network.nav_follow_up")}</Link>
      </p>
      <div className="table-wrap">
        <table>
          <caption>{t("network.bodies_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("network.name")}</th>
              <th scope="col">{t("network.kind")}</th>
              <th scope="col">{t("network.fields_of_action")}</th>
              <th scope="col">{t("network.area")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.bodies.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  <Link to={`/staff/network/bodies/${b.id}`}>{b.name}</Link>
                </th>
                <td>{t(`network.kind_${b.kind}`)}</td>
                <td>{b.fieldsOfAction.map((id) => fieldLabel.get(id) ?? "—").join(", ") || "—"}</td>
                <td>{b.areaId ? (areaName.get(b.areaId) ?? "—") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.bodies.length === 0 ? <p>{t("network.no_bodies")}</p> : null}
      <Pager
        t={t}
        offset={loaderData.offset}
        limit={PAGE}
        shown={loaderData.bodies.length}
        total={loaderData.total}
      />
      {loaderData.canManage ? (
        <section aria-labelledby="body-new">
          <h2 id="body-new">{t("network.new_body")}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <TextField name="name" label={t("network.name")} required maxLength={200} errors={errors} />
            <Select
              name="kind"
              label={t("network.kind")}
              options={BODY_KINDS.map((k) => ({ value: k, label: t(`network.kind_${k}`) }))}
              defaultValue="working_group"
              errors={errors}
            />
            <Select
              name="areaId"
              label={t("network.area")}
              empty={t("network.whole_area")}
              options={loaderData.areas.map((a) => ({ value: a.id, label: a.name }))}
              errors={errors}
            />
            <fieldset>
              <legend>{t("network.fields_of_action")}</legend>
              {loaderData.fields.map((f) => (
                <Checkbox key={f.id} name="fieldsOfAction" value={f.id} label={f.label} />
              ))}
            </fieldset>
            <Checkbox name="publicBody" label={t("network.public_body")} defaultChecked />
            <p>
              <button type="submit">{t("network.create_body")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
