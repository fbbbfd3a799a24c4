import { data, Form, Link, redirect } from "react-router";
import { TANDEM_END_REASONS } from "#app/modules/volunteers/model.ts";
import { endTandemInput, logHoursInput, startTandemInput } from "#app/modules/volunteers/tandem-contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  DateField,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/tandem";

/** One tandem (decision 068): ranked partners while waiting, hours and the end while running. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const tandem = await ctx.services.volunteers
    .getTandem(principal, params.id, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  const manage = can(principal, "volunteers.tandems.manage");
  const proposals =
    manage && tandem.state === "waiting"
      ? await ctx.services.volunteers.tandemProposals(principal, tandem.id)
      : [];
  return {
    tandem,
    proposals,
    manage,
    canErase: can(principal, "volunteers.erase"),
    today: ctx.services.core.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" }),
    languageNames: languageNames(
      [...tandem.offers, ...tandem.wants, ...proposals.flatMap((p) => [...p.wanted, ...p.shared])],
      ctx.lang,
    ),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const id = params.id;
  const form = await request.formData();
  const intent = formString(form, "intent");
  const v = ctx.services.volunteers;
  const opts = { requestId: ctx.requestId };
  const version = Number(formString(form, "version"));
  const r = await formAction(ctx.t, async () => {
    if (intent === "start")
      return v.startTandem(
        principal,
        id,
        parseInput(startTandemInput, {
          version,
          volunteerId: formString(form, "volunteerId"),
          startedOn: formString(form, "startedOn"),
        }),
        opts,
      );
    if (intent === "end")
      return v.endTandem(
        principal,
        id,
        parseInput(endTandemInput, {
          version,
          endedOn: formString(form, "endedOn"),
          reason: formString(form, "reason"),
        }),
        opts,
      );
    if (intent === "hours")
      return v.logHours(
        principal,
        id,
        parseInput(logHoursInput, { date: formString(form, "date"), minutes: formString(form, "minutes") }),
        opts,
      );
    if (formString(form, "confirm") !== "yes")
      throw AppError.validation([{ field: "confirm", code: "volunteers_erase_confirm" }]);
    return v.eraseTandem(principal, id, opts);
  });
  if ("data" in r) return data(r.data, r.init ?? undefined);
  if (intent === "erase") return redirect("/staff/volunteers/tandems");
  return { ok: true as const, errors: undefined };
}

export default function Tandem({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { tandem: x, proposals } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const names = (list: string[]) => list.map((c) => loaderData.languageNames[c] ?? c).join(", ");
  const title = x.newcomerName ?? t("volunteers.tandem_case", { reference: x.caseReference ?? "" });
  return (
    <>
      <p>
        <Link to="/staff/volunteers/tandems">{t("volunteers.tandems_back")}</Link>
      </p>
      <h1>{t("volunteers.tandem_title", { name: title })}</h1>
      {actionData?.ok ? <Notice kind="success">{t("volunteers.saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <dl>
        <dt>{t("volunteers.state")}</dt>
        <dd>
          {t(`volunteers.tandem_state_${x.state}`, { since: x.startedOn ?? "", until: x.endedOn ?? "" })}
        </dd>
        <dt>{t("volunteers.tandem_wants")}</dt>
        <dd>{names(x.wants)}</dd>
        <dt>{t("volunteers.tandem_offers")}</dt>
        <dd>{names(x.offers)}</dd>
        {x.area ? (
          <>
            <dt>{t("volunteers.tandem_area")}</dt>
            <dd>{x.area}</dd>
          </>
        ) : null}
        {x.newcomerEmail ? (
          <>
            <dt>{t("volunteers.tandem_newcomer_email")}</dt>
            <dd dir="ltr">{x.newcomerEmail}</dd>
          </>
        ) : null}
        {x.volunteerName ? (
          <>
            <dt>{t("volunteers.tandem_partner")}</dt>
            <dd>{x.volunteerName}</dd>
          </>
        ) : null}
        {x.endReason ? (
          <>
            <dt>{t("volunteers.tandem_end_reason")}</dt>
            <dd>{t(`volunteers.tandem_reason_${x.endReason}`)}</dd>
          </>
        ) : null}
      </dl>
      {x.state === "waiting" && loaderData.manage ? (
        <section aria-labelledby="proposals">
          <h2 id="proposals">{t("volunteers.tandem_proposals")}</h2>
          {proposals.length === 0 ? (
            <p>{t("volunteers.tandem_no_proposals")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t("volunteers.tandem_proposals_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("volunteers.name")}</th>
                    <th scope="col">{t("volunteers.tandem_why")}</th>
                    <th scope="col">{t("volunteers.score")}</th>
                    <th scope="col">{t("volunteers.tandem_start")}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.map((p) => (
                    <tr key={p.volunteerId}>
                      <th scope="row">{p.volunteerName}</th>
                      <td>
                        {t("volunteers.tandem_reasons", {
                          wanted: names(p.wanted),
                          shared: p.shared.length ? names(p.shared) : "–",
                          sameArea: p.sameArea ? "yes" : "no",
                          running: p.running,
                        })}
                      </td>
                      <td>{p.score}</td>
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="start" />
                          <input type="hidden" name="version" value={x.version} />
                          <input type="hidden" name="volunteerId" value={p.volunteerId} />
                          <input type="hidden" name="startedOn" value={loaderData.today} />
                          <button
                            type="submit"
                            aria-label={t("volunteers.tandem_start_with", { name: p.volunteerName })}
                          >
                            {t("volunteers.tandem_start")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
      {x.state === "active" ? (
        <section aria-labelledby="hours">
          <h2 id="hours">{t("volunteers.hours_log")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="hours" />
            <DateField
              name="date"
              label={t("volunteers.date")}
              defaultValue={loaderData.today}
              required
              errors={errors}
            />
            <TextField
              name="minutes"
              type="number"
              label={t("volunteers.minutes")}
              required
              errors={errors}
            />
            <p>
              <button type="submit">{t("volunteers.hours_log_button")}</button>
            </p>
          </Form>
        </section>
      ) : null}
      {x.state === "active" && loaderData.manage ? (
        <section aria-labelledby="end">
          <h2 id="end">{t("volunteers.tandem_end")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="end" />
            <input type="hidden" name="version" value={x.version} />
            <DateField
              name="endedOn"
              label={t("volunteers.date")}
              defaultValue={loaderData.today}
              required
              errors={errors}
            />
            <Select
              name="reason"
              label={t("volunteers.tandem_end_reason")}
              options={TANDEM_END_REASONS.map((r) => ({
                value: r,
                label: t(`volunteers.tandem_reason_${r}`),
              }))}
              required
              errors={errors}
            />
            <p>
              <button type="submit">{t("volunteers.tandem_end_button")}</button>
            </p>
          </Form>
        </section>
      ) : null}
      {loaderData.canErase ? (
        <section aria-labelledby="erase">
          <h2 id="erase">{t("volunteers.tandem_erase")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="erase" />
            <Checkbox
              name="confirm"
              value="yes"
              label={t("volunteers.tandem_erase_confirm")}
              errors={errors}
            />
            <p>
              <button type="submit">{t("volunteers.tandem_erase_button")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
