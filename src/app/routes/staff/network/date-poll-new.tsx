import { data, Form, Link, redirect } from "react-router";
import { createDatePollInput } from "#app/modules/network/date-polls.contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/date-poll-new";
import { useDateTime } from "./format.ts";

/** Rows for proposed dates; rows left empty are not proposed (no JavaScript needed to add one). */
const ROWS = 6;

/** Propose dates to a body's members (Terminfindung, decision 126). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const body = await ctx.services.network.getBody(principal, params.id, ctx.requestId).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  const choices = await ctx.services.directory.choices(principal);
  return {
    body: { id: body.id, name: body.name },
    meetings: body.meetings.filter((m) => m.state === "scheduled"),
    places: choices.places.map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    row: i,
    startsAt: formString(form, `options.${i}.startsAt`),
    endsAt: formString(form, `options.${i}.endsAt`),
  })).filter((o) => o.startsAt || o.endsAt);
  const options = rows.map(({ startsAt, endsAt }) => ({ startsAt, endsAt }));
  const result = await formAction(ctx.t, () =>
    ctx.services.network.createDatePoll(
      { kind: "user", principal },
      params.id,
      parseInput(createDatePollInput, {
        title: formString(form, "title"),
        meetingId: formString(form, "meetingId"),
        placeId: formString(form, "placeId"),
        onlineUrl: formString(form, "onlineUrl"),
        options,
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) {
    // An error at the n-th proposed date shows at the row it was typed in.
    const fields = Object.fromEntries(
      Object.entries(result.data.errors.fields).map(([k, v]) => [
        k.replace(/^options\.(\d+)\./, (_, n: string) => `options.${rows[Number(n)]?.row ?? n}.`),
        v,
      ]),
    );
    return data({ ok: false as const, errors: { ...result.data.errors, fields } }, result.init ?? undefined);
  }
  return redirect(`/staff/network/date-polls/${result.value.id}`);
}

export default function DatePollNew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const { body, meetings, places } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to={`/staff/network/bodies/${body.id}`}>{body.name}</Link>
      </p>
      <h1>{t("network.poll_new")}</h1>
      <p>{t("network.poll_new_intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <TextField name="title" label={t("network.meeting_title")} required errors={errors} />
        <Select
          name="meetingId"
          label={t("network.poll_meeting")}
          hint={t("network.poll_meeting_hint")}
          empty={t("network.poll_meeting_new")}
          options={meetings.map((m) => ({ value: m.id, label: `${m.title} (${fmt(m.startsAt)})` }))}
          errors={errors}
        />
        <Select
          name="placeId"
          label={t("network.place")}
          empty={t("network.none")}
          options={places.map((p) => ({ value: p.id, label: p.name }))}
          errors={errors}
        />
        <TextField name="onlineUrl" type="url" dir="ltr" label={t("network.online_url")} errors={errors} />
        <fieldset id="f-options">
          <legend>{t("network.poll_dates")}</legend>
          {errors && "options" in errors.fields ? (
            <p className="field-error">{errors.fields.options}</p>
          ) : null}
          {Array.from({ length: ROWS }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed rows, never reordered
            <div key={i} className="stack">
              <TextField
                name={`options.${i}.startsAt`}
                type="datetime-local"
                label={t("network.poll_date_n", { n: i + 1 })}
                errors={errors}
              />
              <TextField
                name={`options.${i}.endsAt`}
                type="datetime-local"
                label={t("network.poll_date_end_n", { n: i + 1 })}
                errors={errors}
              />
            </div>
          ))}
        </fieldset>
        <p>
          <button type="submit">{t("network.poll_send")}</button>
        </p>
      </Form>
    </>
  );
}
