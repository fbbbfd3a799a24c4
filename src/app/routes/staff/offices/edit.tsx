import { data, Form, Link, useSearchParams } from "react-router";
import {
  setOfficeCatchmentInput,
  setOfficeMembersInput,
  updateOfficeInput,
} from "#app/modules/offices/contracts.ts";
import { OFFICE_KINDS } from "#app/modules/offices/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { isolate } from "../../../components/offers/format.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/edit";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const office = await ctx.services.offices.get(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  const canManage = can(principal, "offices.manage");
  const areas = canManage ? await ctx.services.areas.list(ctx.tenant.id) : [];
  const staff = canManage ? await ctx.services.users.staffNames(ctx.tenant.id) : [];
  return {
    office,
    canManage,
    areas: areas.map((a) => ({ id: a.id, name: a.name, level: a.level, parentName: a.parentName })),
    staff,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "offices.manage");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const version = Number(formString(form, "version")) || 0;
  const actor = { kind: "user" as const, principal };
  const result = await formAction(ctx.t, async () => {
    if (intent === "catchment") {
      const areaIds = form.getAll("areaIds").filter((v): v is string => typeof v === "string");
      const input = parseInput(setOfficeCatchmentInput, { version, areaIds });
      return ctx.services.offices.setCatchment(actor, params.id, input, ctx.requestId);
    }
    if (intent === "members") {
      const ids = form.getAll("memberIds").filter((v): v is string => typeof v === "string");
      const members = ids.map((userId) => ({ userId, function: formString(form, `function_${userId}`) }));
      const input = parseInput(setOfficeMembersInput, { version, members });
      return ctx.services.offices.setMembers(actor, params.id, input, ctx.requestId);
    }
    return ctx.services.offices.update(
      actor,
      params.id,
      parseInput(updateOfficeInput, {
        version,
        name: formString(form, "name"),
        kind: formString(form, "kind"),
        email: formString(form, "email"),
        phone: formString(form, "phone"),
      }),
      ctx.requestId,
    );
  });
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function OfficeEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const { office, canManage, areas, staff } = loaderData;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const inCatchment = new Set(office.areas.map((a) => a.id));
  const members = new Map(office.members.map((m) => [m.userId, m]));
  return (
    <>
      <p>
        <Link to="/staff/offices">{t("offices.back")}</Link>
      </p>
      <h1>
        <bdi>{office.name}</bdi>
      </h1>
      {search.get("created") ? <Notice kind="success">{t("offices.created")}</Notice> : null}
      {actionData?.ok ? <Notice kind="success">{t("offices.saved")}</Notice> : null}

      <section aria-labelledby="office-details">
        <h2 id="office-details">{t("offices.details")}</h2>
        <ErrorSummary errors={errorsFor("details")} />
        <Form method="post" className="stack" noValidate key={`d-${office.version}`}>
          <fieldset disabled={!canManage}>
            <legend>{t("offices.details")}</legend>
            <input type="hidden" name="intent" value="details" />
            <input type="hidden" name="version" value={office.version} />
            <TextField
              name="name"
              label={t("offices.name")}
              required
              defaultValue={office.name}
              errors={errorsFor("details")}
            />
            <Select
              name="kind"
              label={t("offices.kind")}
              options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`offices.kind_${k}`) }))}
              defaultValue={office.kind}
              errors={errorsFor("details")}
            />
            <TextField
              name="email"
              type="email"
              dir="ltr"
              label={t("offices.email")}
              defaultValue={office.email}
              errors={errorsFor("details")}
            />
            <TextField
              name="phone"
              type="tel"
              dir="ltr"
              label={t("offices.phone")}
              defaultValue={office.phone}
              errors={errorsFor("details")}
            />
            {canManage ? (
              <p>
                <button type="submit">{t("offices.save")}</button>
              </p>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <section aria-labelledby="office-catchment">
        <h2 id="office-catchment">{t("offices.catchment")}</h2>
        <p className="hint">{t("offices.catchment_hint")}</p>
        {canManage ? (
          <>
            <ErrorSummary errors={errorsFor("catchment")} />
            <Form method="post" key={`c-${office.version}`}>
              <input type="hidden" name="intent" value="catchment" />
              <input type="hidden" name="version" value={office.version} />
              <fieldset>
                <legend>{t("offices.catchment_choose")}</legend>
                {areas.map((a) => (
                  <Checkbox
                    key={a.id}
                    name="areaIds"
                    value={a.id}
                    label={
                      a.parentName ? (
                        <>
                          <bdi>{a.name}</bdi> (<bdi>{a.parentName}</bdi>)
                        </>
                      ) : (
                        <bdi>{a.name}</bdi>
                      )
                    }
                    defaultChecked={inCatchment.has(a.id)}
                  />
                ))}
                {errorsFor("catchment") ? (
                  <ul className="field-error">
                    {Object.values(errorsFor("catchment")!.fields).map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : null}
              </fieldset>
              <p>
                <button type="submit">{t("offices.catchment_save")}</button>
              </p>
            </Form>
          </>
        ) : (
          <ul>
            {office.areas.map((a) => (
              <li key={a.id}>
                <bdi>{a.name}</bdi>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="office-team">
        <h2 id="office-team">{t("offices.team")}</h2>
        <p className="hint">{t("offices.team_hint")}</p>
        {canManage ? (
          <>
            <ErrorSummary errors={errorsFor("members")} />
            <Form method="post" key={`m-${office.version}`}>
              <input type="hidden" name="intent" value="members" />
              <input type="hidden" name="version" value={office.version} />
              <div className="table-wrap">
                <table>
                  <caption>{t("offices.team_caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("offices.member")}</th>
                      <th scope="col">{t("offices.function")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {staff.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Checkbox
                            name="memberIds"
                            value={s.id}
                            label={<bdi>{s.displayName}</bdi>}
                            defaultChecked={members.has(s.id)}
                          />
                        </td>
                        <td>
                          <input
                            name={`function_${s.id}`}
                            defaultValue={members.get(s.id)?.function ?? ""}
                            aria-label={t("offices.function_of", { name: isolate(s.displayName) })}
                            maxLength={120}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                <button type="submit">{t("offices.team_save")}</button>
              </p>
            </Form>
          </>
        ) : (
          <ul>
            {office.members.map((m) => (
              <li key={m.userId}>
                <bdi>{m.displayName}</bdi>
                {m.function ? (
                  <>
                    {" – "}
                    <bdi>{m.function}</bdi>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
