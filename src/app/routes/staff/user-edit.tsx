import { data, Form, Link, useSearchParams } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { setUserRolesInput, updateUserInput } from "#app/modules/users/contracts.ts";
import { USER_STATUSES } from "#app/modules/users/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { ROLES, SCOPE_TYPES } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/user-edit";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const user = await ctx.services.users.byId(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      status: user.status,
      preferredLanguage: user.preferredLanguage ?? "",
      version: user.version,
      grants: user.grants,
    },
    canManage: can(principal, "users.manage"),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "users.manage");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const all = (k: string) => form.getAll(k).map((v) => (typeof v === "string" ? v : ""));
  const intent = get("intent") === "roles" ? "roles" : "profile";
  const version = Number(get("version"));
  const v = Number.isInteger(version) && version > 0 ? version : 0;
  const actor = { kind: "user" as const, principal };
  const result = await formAction(ctx.t, () => {
    if (intent === "roles") {
      const roles = all("grant_role");
      const scopeTypes = all("grant_scopeType");
      const scopeIds = all("grant_scopeId");
      const removed = new Set(all("grant_remove"));
      const grants = roles
        .map((role, i) => ({
          role,
          scopeType: scopeTypes[i] ?? "tenant",
          scopeId: scopeIds[i]?.trim() || null,
          i,
        }))
        .filter((g) => g.role && !removed.has(String(g.i)))
        .map(({ i: _i, ...g }) => g);
      const input = parseInput(setUserRolesInput, { version: v, grants });
      return ctx.services.users.setRoles(actor, params.id, input, ctx.requestId);
    }
    const input = parseInput(updateUserInput, {
      version: v,
      email: get("email"),
      displayName: get("displayName"),
      status: get("status"),
      preferredLanguage: get("preferredLanguage") || null,
    });
    return ctx.services.users.update(actor, params.id, input, ctx.requestId);
  });
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function UserEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const { user, canManage } = loaderData;
  const errorsFor = (i: "profile" | "roles") =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  // Grants are unique, so role|scope names a row; the empty last row adds one.
  const rows = [...user.grants, { role: "", scopeType: "tenant", scopeId: null }].map((g, i) => ({
    ...g,
    rowKey: i < user.grants.length ? `${g.role}|${g.scopeType}|${g.scopeId ?? ""}` : "new",
  }));
  const grantError = (i: number) => {
    const e = errorsFor("roles");
    return e ? (e.fields[`grants.${i}.scopeId`] ?? e.fields[`grants.${i}.role`]) : undefined;
  };
  return (
    <>
      <p>
        <Link to="/staff/users">{t("users.back_to_list")}</Link>
      </p>
      <h1>{user.displayName}</h1>
      {search.get("created") ? <Notice kind="success">{t("users.created")}</Notice> : null}
      {actionData?.ok ? <Notice kind="success">{t("users.saved")}</Notice> : null}

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("users.profile_heading")}</h2>
        <ErrorSummary errors={errorsFor("profile")} />
        <Form method="post" className="stack" noValidate key={`p-${user.version}`}>
          <fieldset disabled={!canManage}>
            <legend>{t("users.profile_heading")}</legend>
            <input type="hidden" name="intent" value="profile" />
            <input type="hidden" name="version" value={user.version} />
            <TextField
              name="email"
              type="email"
              label={t("users.email")}
              required
              maxLength={254}
              dir="ltr"
              defaultValue={user.email}
              errors={errorsFor("profile")}
            />
            <TextField
              name="displayName"
              label={t("users.display_name")}
              required
              maxLength={200}
              defaultValue={user.displayName}
              errors={errorsFor("profile")}
            />
            <div className="field">
              <label htmlFor="f-status">{t("users.status")}</label>
              <select id="f-status" name="status" defaultValue={user.status}>
                {USER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`users.status_${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-preferredLanguage">{t("users.language")}</label>
              <select id="f-preferredLanguage" name="preferredLanguage" defaultValue={user.preferredLanguage}>
                <option value="">{t("users.language_default")}</option>
                {LANGUAGES.map((l) => (
                  <option key={l.code} value={l.code} lang={l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            {canManage ? (
              <p>
                <button type="submit">{t("common.save")}</button>
              </p>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t("users.roles_heading")}</h2>
        <p className="hint">{t("users.roles_hint")}</p>
        <ErrorSummary errors={errorsFor("roles")} />
        <Form method="post" noValidate key={`r-${user.version}`}>
          <input type="hidden" name="intent" value="roles" />
          <input type="hidden" name="version" value={user.version} />
          <div className="table-wrap">
            <table className="grants-table">
              <caption>{t("users.roles_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("users.role")}</th>
                  <th scope="col">{t("users.scope_type")}</th>
                  <th scope="col">{t("users.scope_id")}</th>
                  <th scope="col">{t("users.remove")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((g, i) => {
                  const err = grantError(i);
                  const errId = `grant-${i}-error`;
                  return (
                    <tr key={g.rowKey}>
                      <td>
                        <select
                          name="grant_role"
                          defaultValue={g.role}
                          aria-label={t("users.role_row", { row: i + 1 })}
                          disabled={!canManage}
                        >
                          <option value="">{i === user.grants.length ? t("users.add_role") : "—"}</option>
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t(`users.role_${r}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select
                          name="grant_scopeType"
                          defaultValue={g.scopeType}
                          aria-label={t("users.scope_type_row", { row: i + 1 })}
                          disabled={!canManage}
                        >
                          {SCOPE_TYPES.map((s) => (
                            <option key={s} value={s}>
                              {t(`users.scope_${s}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          name="grant_scopeId"
                          defaultValue={g.scopeId ?? ""}
                          aria-label={t("users.scope_id_row", { row: i + 1 })}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? errId : undefined}
                          dir="ltr"
                          maxLength={40}
                          disabled={!canManage}
                        />
                        {err ? (
                          <p className="field-error" id={errId}>
                            {err}
                          </p>
                        ) : null}
                      </td>
                      <td>
                        {i < user.grants.length ? (
                          <input
                            type="checkbox"
                            name="grant_remove"
                            value={String(i)}
                            aria-label={t("users.remove_row", { row: i + 1 })}
                            disabled={!canManage}
                          />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {canManage ? (
            <p>
              <button type="submit">{t("users.roles_save")}</button>
            </p>
          ) : null}
        </Form>
      </section>
    </>
  );
}
