import { data, Form, Link, redirect } from "react-router";
import { createOfficeInput } from "#app/modules/offices/contracts.ts";
import { OFFICE_KINDS } from "#app/modules/offices/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/list";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return {
    offices: await ctx.services.offices.list(principal),
    canManage: can(principal, "offices.manage"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "offices.manage");
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.offices.create(
      { kind: "user", principal },
      parseInput(createOfficeInput, {
        name: formString(form, "name"),
        kind: formString(form, "kind"),
        email: formString(form, "email"),
        phone: formString(form, "phone"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return redirect(`/staff/offices/${result.value.id}?created=1`);
}

export default function Offices({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <h1>{t("offices.title")}</h1>
      <p>{t("offices.intro")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("offices.list_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("offices.name")}</th>
              <th scope="col">{t("offices.kind")}</th>
              <th scope="col">{t("offices.areas_count")}</th>
              <th scope="col">{t("offices.members_count")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.offices.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <Link to={`/staff/offices/${o.id}`}>
                    <bdi>{o.name}</bdi>
                  </Link>
                </th>
                <td>{t(`offices.kind_${o.kind}`)}</td>
                <td>{o.areaCount}</td>
                <td>{o.memberCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.offices.length === 0 ? <p>{t("offices.none")}</p> : null}
      {loaderData.canManage ? (
        <section aria-labelledby="office-new">
          <h2 id="office-new">{t("offices.new_title")}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <TextField name="name" label={t("offices.name")} required maxLength={200} errors={errors} />
            <Select
              name="kind"
              label={t("offices.kind")}
              options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`offices.kind_${k}`) }))}
              defaultValue="welcome_office"
              errors={errors}
            />
            <TextField name="email" type="email" label={t("offices.email")} dir="ltr" errors={errors} />
            <TextField name="phone" type="tel" label={t("offices.phone")} dir="ltr" errors={errors} />
            <p>
              <button type="submit">{t("offices.create")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
