import { data, Form, Link, redirect } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { createUserInput, userListQuery } from "#app/modules/users/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { ROLES } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../components/form/index.ts";
import { roleLabel } from "../../components/roles.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/users";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const query = parseInput(userListQuery, { q: q || undefined, limit: 500 });
  const users = await ctx.services.users.list(principal, query);
  return {
    q,
    canManage: can(principal, "users.manage"),
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      status: u.status,
      totpEnabled: u.totpEnabled,
      roles: [...new Set(u.grants.map((g) => g.role))],
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "users.manage");
  const form = await request.formData();
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values = {
    email: get("email"),
    displayName: get("displayName"),
    preferredLanguage: get("preferredLanguage") || null,
    role: get("role"),
  };
  const password = get("password");
  const result = await formAction(ctx.t, () =>
    ctx.services.users.create(
      { kind: "user", principal },
      parseInput(createUserInput, {
        email: values.email,
        displayName: values.displayName,
        preferredLanguage: values.preferredLanguage,
        ...(password ? { password } : {}),
        grants: values.role ? [{ role: values.role, scopeType: "tenant" }] : [],
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data({ ...result.data, values }, result.init ?? undefined);
  throw redirect(`/staff/users/${result.value.id}?created=1`);
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <>
      <h1>{t("users.title")}</h1>
      <Form method="get" className="users-search" role="search">
        <div className="field">
          <label htmlFor="users-q">{t("users.search_label")}</label>
          <input id="users-q" name="q" type="search" defaultValue={loaderData.q} maxLength={200} />
        </div>
        <button type="submit" className="button-secondary">
          {t("users.search_button")}
        </button>
      </Form>
      <div className="table-wrap">
        <table>
          <caption>{t("users.table_caption", { count: loaderData.users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.display_name")}</th>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.roles")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col">{t("users.totp")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`/staff/users/${u.id}`}>{u.displayName}</Link>
                </th>
                <td dir="ltr">{u.email}</td>
                <td>{u.roles.map((r) => roleLabel(t, r)).join(", ") || t("users.no_roles")}</td>
                <td>{t(`users.status_${u.status}`)}</td>
                <td>{u.totpEnabled ? t("users.yes") : t("users.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {loaderData.canManage ? (
        <section aria-labelledby="create-heading">
          <h2 id="create-heading">{t("users.create_heading")}</h2>
          <ErrorSummary errors={failed?.errors} />
          <Form method="post" className="stack" noValidate>
            <TextField
              name="email"
              type="email"
              label={t("users.email")}
              required
              maxLength={254}
              inputMode="email"
              dir="ltr"
              defaultValue={failed?.values.email}
              errors={failed?.errors}
            />
            <TextField
              name="displayName"
              label={t("users.display_name")}
              required
              maxLength={200}
              defaultValue={failed?.values.displayName}
              errors={failed?.errors}
            />
            <TextField
              name="password"
              type="password"
              label={t("users.initial_password")}
              hint={t("users.initial_password_hint")}
              autoComplete="new-password"
              maxLength={200}
              errors={failed?.errors}
            />
            <div className="field">
              <label htmlFor="f-preferredLanguage">{t("users.language")}</label>
              <select
                id="f-preferredLanguage"
                name="preferredLanguage"
                defaultValue={failed?.values.preferredLanguage ?? ""}
              >
                <option value="">{t("users.language_default")}</option>
                {LANGUAGES.map((l) => (
                  <option key={l.code} value={l.code} lang={l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-role">{t("users.initial_role")}</label>
              <select id="f-role" name="role" defaultValue={failed?.values.role ?? ""}>
                <option value="">{t("users.no_roles")}</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(t, r)}
                  </option>
                ))}
              </select>
            </div>
            <p>
              <button type="submit">{t("users.create_button")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
