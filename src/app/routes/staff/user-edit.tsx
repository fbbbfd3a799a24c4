import { data, Form, Link, useSearchParams } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { setUserRolesInput, updateUserInput } from "#app/modules/users/contracts.ts";
import { USER_STATUSES } from "#app/modules/users/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { type Principal, ROLES, type ScopeType } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  Notice,
  type OptionGroup,
  Select,
  TextField,
} from "../../components/form/index.ts";
import { roleLabel } from "../../components/roles.ts";
import { type PageContext, pageContext } from "../../context.ts";
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
    scopes: await scopeChoices(ctx, principal, user.grants),
  };
}

/**
 * Where a role can apply, named (decision 093): the offices, organizations and areas of the
 * tenant as one grouped list; a value is "<scope type>:<id>", the empty value the whole tenant.
 * A grant's scope that no longer exists stays choosable under its id, so saving keeps it.
 */
async function scopeChoices(
  ctx: PageContext,
  principal: Principal,
  grants: readonly { scopeType: string; scopeId: string | null }[],
): Promise<OptionGroup[]> {
  const tenantId = principal.tenantId;
  const [offices, directory, areas] = await Promise.all([
    ctx.services.offices.listSummaries(tenantId),
    ctx.services.directory.choices(principal),
    ctx.services.areas.list(tenantId),
  ]);
  const collator = new Intl.Collator(ctx.lang);
  const group = (type: ScopeType, items: { id: string; name: string }[]) => ({
    type,
    label: ctx.t(`users.scope_${type}`),
    options: items
      .map((i) => ({ value: `${type}:${i.id}`, label: i.name }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  });
  const groups = [
    group("office", offices),
    group("organization", directory.organizations),
    group(
      "area",
      areas.map((a) => ({ id: a.id, name: a.parentName ? `${a.name} (${a.parentName})` : a.name })),
    ),
  ];
  const known = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
  for (const g of grants) {
    const value = `${g.scopeType}:${g.scopeId}`;
    const into = groups.find((x) => x.type === g.scopeType);
    if (g.scopeId && into && !known.has(value))
      into.options.push({ value, label: ctx.t("users.scope_gone", { id: g.scopeId }) });
  }
  return groups.map(({ label, options }) => ({ label, options }));
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
      // "office:<id>" from the scope picker; empty: the whole tenant.
      const scopes = all("grant_scope").map((v) => {
        const at = v.indexOf(":");
        return at < 0
          ? { scopeType: v || "tenant", scopeId: null }
          : { scopeType: v.slice(0, at), scopeId: v.slice(at + 1) };
      });
      const removed = new Set(all("grant_remove"));
      const grants = roles
        .map((role, i) => ({ role, ...(scopes[i] ?? { scopeType: "tenant", scopeId: null }), i }))
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
          {rows.map((g, i) => {
            const isNew = i === user.grants.length;
            return (
              <fieldset key={g.rowKey} className="repeat-row grant-row" disabled={!canManage}>
                <legend>{isNew ? t("users.grant_new") : t("users.grant_n", { row: i + 1 })}</legend>
                <Select
                  name="grant_role"
                  id={`f-grants-${i}-role`}
                  label={t("users.role_row", { row: i + 1 })}
                  errorPath={`grants.${i}.role`}
                  errors={errorsFor("roles")}
                  empty={isNew ? t("users.add_role") : "—"}
                  options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
                  defaultValue={g.role}
                />
                <Select
                  name="grant_scope"
                  id={`f-grants-${i}-scope`}
                  label={t("users.scope_row", { row: i + 1 })}
                  hint={t("users.scope_hint")}
                  errorPath={[`grants.${i}.scopeId`, `grants.${i}.scopeType`]}
                  errors={errorsFor("roles")}
                  options={[{ value: "tenant", label: t("users.scope_tenant") }]}
                  groups={loaderData.scopes}
                  defaultValue={g.scopeId ? `${g.scopeType}:${g.scopeId}` : "tenant"}
                />
                {isNew ? null : (
                  <Checkbox
                    name="grant_remove"
                    value={String(i)}
                    label={t("users.remove_row", { row: i + 1 })}
                  />
                )}
              </fieldset>
            );
          })}
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
