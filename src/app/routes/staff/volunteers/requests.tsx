import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { createRequestInput, requestListQuery } from "#app/modules/volunteers/contracts.ts";
import { MODES, REQUEST_STATES, SETTINGS } from "#app/modules/volunteers/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { clock, languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/requests";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  const q = requestListQuery.safeParse({
    state: url.searchParams.get("state") || undefined,
    page: url.searchParams.get("page") || undefined,
  });
  const query = q.success ? q.data : { page: 1 };
  const list = await ctx.services.volunteers.listRequests(principal, query);
  return {
    ...list,
    languageNames: languageNames(
      list.items.map((r) => r.language),
      ctx.lang,
    ),
    page: query.page,
    canBook: can(principal, "volunteers.requests.manage"),
    formToken: crypto.randomUUID(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "volunteers.requests.manage");
  const form = await request.formData();
  const field = (k: string) => formString(form, k);
  const result = await formAction(ctx.t, () =>
    ctx.services.volunteers.createRequest(
      principal,
      parseInput(createRequestInput, {
        institutionName: field("institutionName"),
        contactName: field("contactName"),
        contactEmail: field("contactEmail"),
        language: field("language"),
        mode: field("mode"),
        setting: field("setting"),
        topic: field("topic"),
        area: field("area"),
        date: field("date"),
        startTime: field("startTime"),
        durationMinutes: field("durationMinutes"),
        idempotencyKey: field("idempotencyKey") || undefined,
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return redirect(`/staff/volunteers/requests/${result.value.request.id}?booked=1`);
}

export default function MediationRequests({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const state = search.get("state") ?? "";
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ ...(state ? { state } : {}), page: String(page) })}`;
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{t("volunteers.requests_title")}</h1>
      <Form method="get" className="inline-form">
        <Select
          name="state"
          label={t("volunteers.state")}
          options={[
            { value: "", label: t("volunteers.state_all") },
            ...REQUEST_STATES.map((s) => ({ value: s, label: t(`volunteers.state_${s}`) })),
          ]}
          defaultValue={state}
        />
        <button type="submit">{t("volunteers.filter")}</button>
      </Form>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.requests_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.date")}</th>
              <th scope="col">{t("volunteers.language")}</th>
              <th scope="col">{t("volunteers.institution")}</th>
              <th scope="col">{t("volunteers.mode")}</th>
              <th scope="col">{t("volunteers.state")}</th>
              <th scope="col">{t("volunteers.mediator")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/staff/volunteers/requests/${r.id}`}>
                    {r.date} {clock(r.startMinute)}
                  </Link>
                </th>
                <td>{loaderData.languageNames[r.language] ?? r.language}</td>
                <td>
                  {r.institutionName}
                  {r.fromCase ? ` (${t("volunteers.from_case")})` : ""}
                </td>
                <td>{t(`volunteers.mode_${r.mode}`)}</td>
                <td>{t(`volunteers.state_${r.state}`)}</td>
                <td>{r.volunteerName ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.items.length === 0 ? <p>{t("volunteers.requests_none")}</p> : null}
      <nav aria-label={t("volunteers.pages")} className="inline-list">
        {loaderData.page > 1 ? (
          <Link to={pageLink(loaderData.page - 1)}>{t("volunteers.previous")}</Link>
        ) : null}
        {loaderData.hasMore ? <Link to={pageLink(loaderData.page + 1)}>{t("volunteers.next")}</Link> : null}
      </nav>
      {loaderData.canBook ? (
        <section aria-labelledby="book">
          <h2 id="book">{t("volunteers.book_title")}</h2>
          <Notice>{t("volunteers.book_rules")}</Notice>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="idempotencyKey" value={loaderData.formToken} />
            <TextField name="institutionName" label={t("volunteers.institution")} required errors={errors} />
            <TextField name="contactName" label={t("volunteers.contact_name")} required errors={errors} />
            <TextField
              name="contactEmail"
              type="email"
              dir="ltr"
              label={t("volunteers.contact_email")}
              required
              errors={errors}
            />
            <TextField
              name="language"
              label={t("volunteers.language")}
              hint={t("volunteers.language_hint")}
              required
              dir="ltr"
              errors={errors}
            />
            <Select
              name="mode"
              label={t("volunteers.mode")}
              options={MODES.map((m) => ({ value: m, label: t(`volunteers.mode_${m}`) }))}
              errors={errors}
            />
            <Select
              name="setting"
              label={t("volunteers.setting")}
              options={SETTINGS.map((s) => ({ value: s, label: t(`volunteers.setting_${s}`) }))}
              errors={errors}
            />
            <TextField name="topic" label={t("volunteers.topic")} required errors={errors} />
            <TextField
              name="area"
              label={t("volunteers.area")}
              hint={t("volunteers.area_hint")}
              errors={errors}
            />
            <TextField name="date" type="date" label={t("volunteers.date")} required errors={errors} />
            <TextField
              name="startTime"
              type="time"
              label={t("volunteers.start_time")}
              required
              errors={errors}
            />
            <TextField
              name="durationMinutes"
              type="number"
              label={t("volunteers.duration")}
              defaultValue="60"
              required
              errors={errors}
            />
            <p>
              <button type="submit">{t("volunteers.book")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
