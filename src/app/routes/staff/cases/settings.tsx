import { data, Form } from "react-router";
import { addPhaseInput, updatePhasesInput, updateSettingsInput } from "#app/modules/casework/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/settings";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const s = await ctx.services.casework.settings.get(principal);
  return {
    retentionYears: s.retentionYears,
    version: s.version,
    phases: s.phases.map((p) => ({ id: p.id, key: p.key, label: p.label, sort: p.sort, active: p.active })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const settings = ctx.services.casework.settings;
  const opts = { requestId: ctx.requestId };
  const result = await formAction(ctx.t, async (): Promise<unknown> => {
    if (intent === "phase_add") {
      const input = parseInput(addPhaseInput, {
        key: formString(form, "key"),
        label: formString(form, "label"),
      });
      return settings.addPhase(principal, input, opts);
    }
    if (intent === "phases") {
      const ids = form.getAll("phaseId").filter((v): v is string => typeof v === "string");
      const active = new Set(form.getAll("active").filter((v): v is string => typeof v === "string"));
      const phases = ids.map((id) => ({
        id,
        label: formString(form, `label_${id}`),
        sort: formString(form, `sort_${id}`),
        active: active.has(id),
      }));
      return settings.updatePhases(principal, parseInput(updatePhasesInput, { phases }), opts);
    }
    const input = parseInput(updateSettingsInput, {
      retentionYears: formString(form, "retentionYears"),
      version: Number(formString(form, "version")),
    });
    return settings.update(principal, input, opts);
  });
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function CaseworkSettings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const saved = (i: string) => actionData?.ok === true && actionData.intent === i;
  return (
    <>
      <h1>{t("cases.settings_title")}</h1>
      <section aria-labelledby="retention-h">
        <h2 id="retention-h">{t("cases.retention_title")}</h2>
        <p>{t("cases.retention_intro")}</p>
        <ErrorSummary errors={errorsFor("retention")} />
        {saved("retention") ? <Notice kind="success">{t("cases.saved")}</Notice> : null}
        <Form method="post" className="stack" noValidate key={`r-${loaderData.version}`}>
          <input type="hidden" name="intent" value="retention" />
          <input type="hidden" name="version" value={loaderData.version} />
          <TextField
            name="retentionYears"
            type="number"
            min={1}
            max={30}
            inputMode="numeric"
            label={t("cases.retention_years")}
            defaultValue={loaderData.retentionYears}
            errors={errorsFor("retention")}
          />
          <p>
            <button type="submit">{t("cases.save")}</button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="phases-h">
        <h2 id="phases-h">{t("cases.phases_title")}</h2>
        <p>{t("cases.phases_intro")}</p>
        <ErrorSummary errors={errorsFor("phases")} />
        {saved("phases") ? <Notice kind="success">{t("cases.saved")}</Notice> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="phases" />
          <div className="table-wrap">
            <table>
              <caption>{t("cases.phases_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cases.phase_key")}</th>
                  <th scope="col">{t("cases.phase_label")}</th>
                  <th scope="col">{t("cases.phase_sort")}</th>
                  <th scope="col">{t("cases.phase_active")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.phases.map((p) => (
                  <tr key={`${p.id}-${p.label}-${p.sort}-${p.active}`}>
                    <th scope="row" dir="ltr">
                      <input type="hidden" name="phaseId" value={p.id} />
                      {p.key}
                    </th>
                    <td>
                      <input
                        name={`label_${p.id}`}
                        defaultValue={p.label}
                        aria-label={t("cases.phase_label_of", { key: p.key })}
                        maxLength={80}
                      />
                    </td>
                    <td>
                      <input
                        name={`sort_${p.id}`}
                        type="number"
                        defaultValue={p.sort}
                        aria-label={t("cases.phase_sort_of", { key: p.key })}
                        min={0}
                        max={10000}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name="active"
                        value={p.id}
                        defaultChecked={p.active}
                        aria-label={t("cases.phase_active_of", { key: p.key })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit">{t("cases.phases_save")}</button>
          </p>
        </Form>
        <h3>{t("cases.phase_add")}</h3>
        <ErrorSummary errors={errorsFor("phase_add")} />
        {saved("phase_add") ? <Notice kind="success">{t("cases.saved")}</Notice> : null}
        <Form method="post" className="stack" noValidate key={`pa-${loaderData.phases.length}`}>
          <input type="hidden" name="intent" value="phase_add" />
          <TextField
            name="key"
            label={t("cases.phase_key")}
            hint={t("cases.phase_key_hint")}
            dir="ltr"
            maxLength={40}
            errors={errorsFor("phase_add")}
          />
          <TextField
            name="label"
            label={t("cases.phase_label")}
            maxLength={80}
            errors={errorsFor("phase_add")}
          />
          <p>
            <button type="submit">{t("cases.phase_add")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
