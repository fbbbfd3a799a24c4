import { data, Form, Link, redirect } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { addMemberInput, pageFrom, scheduleMeetingInput } from "#app/modules/network/contracts.ts";
import { MEMBER_ROLES } from "#app/modules/network/model.ts";
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
import { Pager } from "../../../components/network/pager.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/body";
import { useDateTime } from "./format.ts";

const MEETINGS_PAGE = 20;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const page = pageFrom(new URL(request.url), MEETINGS_PAGE);
  const body = await ctx.services.network
    .getBody(principal, params.id, ctx.requestId, page)
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  const [choices, polls] = await Promise.all([
    ctx.services.directory.choices(principal),
    ctx.services.network.datePollsOf(principal, params.id),
  ]);
  return {
    body,
    polls: polls.items,
    offset: page.offset,
    canManage: can(principal, "network.manage"),
    canSchedule: can(principal, "network.meetings.manage"),
    organizations: choices.organizations.map((o) => ({ id: o.id, name: o.name })),
    places: choices.places.map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const actor = { kind: "user" as const, principal };
  if (intent === "meeting") {
    requirePage(ctx, "network.meetings.manage");
    const result = await formAction(ctx.t, () =>
      ctx.services.network.scheduleMeeting(
        actor,
        params.id,
        parseInput(scheduleMeetingInput, {
          title: formString(form, "title"),
          startsAt: formString(form, "startsAt"),
          endsAt: formString(form, "endsAt"),
          placeId: formString(form, "placeId"),
          onlineUrl: formString(form, "onlineUrl"),
        }),
        ctx.requestId,
      ),
    );
    if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
    return redirect(`/staff/network/meetings/${result.value.id}`);
  }
  requirePage(ctx, "network.manage");
  const result = await formAction(ctx.t, () =>
    ctx.services.network.addMember(
      actor,
      params.id,
      parseInput(addMemberInput, {
        name: formString(form, "name"),
        email: formString(form, "email"),
        language: formString(form, "language"),
        role: formString(form, "role"),
        votingRight: formString(form, "votingRight") === "on",
        organizationId: formString(form, "organizationId"),
        termStart: formString(form, "termStart"),
        termEnd: formString(form, "termEnd"),
        publicConsent: formString(form, "publicConsent") === "on",
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function NetworkBody({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { body, organizations, places } = loaderData;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  const fmt = useDateTime();
  return (
    <>
      <p>
        <Link to="/staff/network">{t("network.back")}</Link>
      </p>
      <h1>{body.name}</h1>
      <p>{t(`network.kind_${body.kind}`)}</p>
      {actionData?.ok ? <Notice kind="success">{t("network.member_added")}</Notice> : null}

      <section aria-labelledby="members">
        <h2 id="members">{t("network.members")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("network.members_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network.member_name")}</th>
                <th scope="col">{t("network.role")}</th>
                <th scope="col">{t("network.voting_right")}</th>
                <th scope="col">{t("network.on_behalf_of")}</th>
                <th scope="col">{t("network.term")}</th>
              </tr>
            </thead>
            <tbody>
              {body.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{t(`network.role_${m.role}`)}</td>
                  <td>{m.votingRight ? t("network.yes") : t("network.no")}</td>
                  <td>{m.organizationId ? (orgName.get(m.organizationId) ?? "—") : "—"}</td>
                  <td>
                    {m.termStart ?? "…"} – {m.termEnd ?? "…"}
                    {m.active ? "" : ` (${t("network.term_over")})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {loaderData.canManage ? (
          <>
            <h3 id="member-new">{t("network.add_member")}</h3>
            <ErrorSummary errors={errorsFor("member")} />
            <Form method="post" className="stack" noValidate aria-labelledby="member-new">
              <input type="hidden" name="intent" value="member" />
              <TextField name="name" label={t("network.member_name")} required errors={errorsFor("member")} />
              <TextField
                name="email"
                type="email"
                dir="ltr"
                label={t("network.email")}
                errors={errorsFor("member")}
              />
              <Select
                name="language"
                label={t("network.language")}
                options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
                defaultValue="de"
                errors={errorsFor("member")}
              />
              <Select
                name="role"
                label={t("network.role")}
                options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`network.role_${r}`) }))}
                defaultValue="member"
                errors={errorsFor("member")}
              />
              <Checkbox name="votingRight" label={t("network.voting_right")} defaultChecked />
              <Select
                name="organizationId"
                label={t("network.on_behalf_of")}
                empty={t("network.none")}
                options={organizations.map((o) => ({ value: o.id, label: o.name }))}
                errors={errorsFor("member")}
              />
              <TextField
                name="termStart"
                type="date"
                label={t("network.term_start")}
                errors={errorsFor("member")}
              />
              <TextField
                name="termEnd"
                type="date"
                label={t("network.term_end")}
                errors={errorsFor("member")}
              />
              <Checkbox name="publicConsent" label={t("network.public_consent")} />
              <p>
                <button type="submit">{t("network.add_member")}</button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="meetings">
        <h2 id="meetings">{t("network.meetings")}</h2>
        {body.meetings.length ? (
          <ul>
            {body.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/staff/network/meetings/${m.id}`}>{m.title}</Link> – {fmt(m.startsAt)} (
                {t(`network.state_${m.state}`)}, {t(`network.minutes_${m.minutesState}`)})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("network.no_meetings")}</p>
        )}
        <Pager
          t={t}
          offset={loaderData.offset}
          limit={MEETINGS_PAGE}
          shown={body.meetings.length}
          total={body.meetingsTotal}
        />
        <h3 id="polls">{t("network.poll_list")}</h3>
        {loaderData.polls.length ? (
          <ul aria-labelledby="polls">
            {loaderData.polls.map((p) => (
              <li key={p.id}>
                <Link to={`/staff/network/date-polls/${p.id}`}>{p.title}</Link> (
                {t(`network.poll_state_${p.state}`)})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("network.poll_none")}</p>
        )}
        {loaderData.canSchedule ? (
          <p>
            <Link to={`/staff/network/bodies/${body.id}/date-polls/new`}>{t("network.poll_new")}</Link>
          </p>
        ) : null}
        {loaderData.canSchedule ? (
          <>
            <h3 id="meeting-new">{t("network.schedule")}</h3>
            <ErrorSummary errors={errorsFor("meeting")} />
            <Form method="post" className="stack" noValidate aria-labelledby="meeting-new">
              <input type="hidden" name="intent" value="meeting" />
              <TextField
                name="title"
                label={t("network.meeting_title")}
                required
                errors={errorsFor("meeting")}
              />
              <TextField
                name="startsAt"
                type="datetime-local"
                label={t("network.starts_at")}
                required
                errors={errorsFor("meeting")}
              />
              <TextField
                name="endsAt"
                type="datetime-local"
                label={t("network.ends_at")}
                errors={errorsFor("meeting")}
              />
              <Select
                name="placeId"
                label={t("network.place")}
                empty={t("network.none")}
                options={places.map((p) => ({ value: p.id, label: p.name }))}
                errors={errorsFor("meeting")}
              />
              <TextField
                name="onlineUrl"
                type="url"
                dir="ltr"
                label={t("network.online_url")}
                errors={errorsFor("meeting")}
              />
              <p>
                <button type="submit">{t("network.schedule")}</button>
              </p>
            </Form>
          </>
        ) : null}
      </section>
    </>
  );
}
