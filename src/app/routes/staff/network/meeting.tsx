import { data, Form, Link } from "react-router";
import { canMoveMinutes, MINUTES_STATES, minutesEditable } from "#app/modules/network/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { Checkbox, ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { RecordForItem } from "../../../components/network/record-for-item.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/meeting";
import { useDateTime } from "./format.ts";
import { runMeetingStep } from "./meeting.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const meeting = await ctx.services.network
    .getMeeting(principal, params.id, ctx.requestId)
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  return {
    meeting,
    canRun: can(principal, "network.meetings.manage"),
    canComment: can(principal, "network.minutes.comment"),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const scope = `${intent}:${formString(form, "agendaItemId")}`;
  const result = await formAction(ctx.t, () => runMeetingStep(ctx, params.id, form, intent));
  if ("data" in result) return data({ ...result.data, scope }, result.init ?? undefined);
  return { ok: true as const, scope };
}

export default function Meeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const { meeting, canRun, canComment } = loaderData;
  const errorsFor = (intent: string, item = "") =>
    actionData && !actionData.ok && actionData.scope === `${intent}:${item}` ? actionData.errors : undefined;
  const editable = minutesEditable(meeting.minutesState);
  const present = new Set(meeting.attendance);
  const v = <input type="hidden" name="version" value={meeting.version} />;
  return (
    <>
      <p>
        <Link to={`/staff/network/bodies/${meeting.body.id}`}>
          <bdi>{meeting.body.name}</bdi>
        </Link>
      </p>
      <h1>
        <bdi>{meeting.title}</bdi>
      </h1>
      <p>
        {fmt(meeting.startsAt)} · {t(`network.state_${meeting.state}`)} · {t("network.minutes")}:{" "}
        {t(`network.minutes_${meeting.minutesState}`)}
      </p>
      <p>
        <a href={`/api/v1/network/meetings/${meeting.id}/minutes/pdf`} type="application/pdf" download>
          {t("network.minutes_pdf_download")}
        </a>
      </p>
      {actionData?.ok ? <Notice kind="success">{t("network.saved")}</Notice> : null}

      {canRun && (meeting.state === "scheduled" || meeting.state === "invited") ? (
        <Form method="post" key={`i-${meeting.version}`}>
          <ErrorSummary errors={errorsFor("invite")} />
          <input type="hidden" name="intent" value="invite" />
          {v}
          <button type="submit">{t("network.invite")}</button>
        </Form>
      ) : null}

      <section aria-labelledby="agenda">
        <h2 id="agenda">{t("network.agenda")}</h2>
        {meeting.agenda.length === 0 ? <p>{t("network.no_agenda")}</p> : null}
        {meeting.agenda.map((a) => (
          <article key={a.id} aria-labelledby={`item-${a.id}`}>
            <h3 id={`item-${a.id}`}>
              <bdi>{a.number}</bdi>. <bdi>{a.title}</bdi> {a.public ? "" : `(${t("network.not_public")})`}
            </h3>
            {a.discussion ? (
              <p className="pre-line" dir="auto">
                {a.discussion}
              </p>
            ) : null}
            {a.decisions.length ? (
              <>
                <h4>{t("network.decisions")}</h4>
                <ul>
                  {a.decisions.map((d) => (
                    <li key={d.id}>
                      <bdi>{d.text}</bdi>
                      {d.votesYes !== null || d.votesNo !== null || d.votesAbstain !== null
                        ? ` (${t("network.votes_summary", { yes: d.votesYes ?? 0, no: d.votesNo ?? 0, abstain: d.votesAbstain ?? 0 })})`
                        : ""}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {a.actionItems.length ? (
              <>
                <h4>{t("network.action_items")}</h4>
                <ul>
                  {a.actionItems.map((x) => (
                    <li key={x.id}>
                      <bdi>{x.title}</bdi> – <bdi>{x.owner}</bdi>
                      {x.dueDate ? `, ${t("network.due", { date: x.dueDate })}` : ""} (
                      {t(`network.status_${x.status}`)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {canRun && editable ? (
              <RecordForItem item={a} version={meeting.version} errorsFor={errorsFor} />
            ) : null}
          </article>
        ))}
        {canRun && meeting.minutesState !== "published" ? (
          <Form method="post" className="stack" noValidate key={`g-${meeting.version}`}>
            <h3 id="agenda-new">{t("network.add_agenda_item")}</h3>
            <ErrorSummary errors={errorsFor("agenda")} />
            <input type="hidden" name="intent" value="agenda" />
            {v}
            <TextField
              id="agenda-number"
              name="number"
              label={t("network.item_number")}
              required
              maxLength={20}
              errors={errorsFor("agenda")}
            />
            <TextField
              id="agenda-title"
              name="title"
              label={t("network.item_title")}
              required
              errors={errorsFor("agenda")}
            />
            <Checkbox id="agenda-public" name="public" label={t("network.item_public")} defaultChecked />
            <p>
              <button type="submit">{t("network.add_agenda_item")}</button>
            </p>
          </Form>
        ) : null}
      </section>

      {canRun ? (
        <section aria-labelledby="attendance">
          <h2 id="attendance">{t("network.attendance")}</h2>
          <ErrorSummary errors={errorsFor("attendance")} />
          <Form method="post" key={`p-${meeting.version}`}>
            <input type="hidden" name="intent" value="attendance" />
            {v}
            <fieldset>
              <legend>{t("network.present")}</legend>
              {meeting.members.map((m) => (
                <Checkbox
                  key={m.id}
                  name="memberIds"
                  value={m.id}
                  label={
                    <>
                      <bdi>{m.name}</bdi> ({t(`network.role_${m.role}`)})
                    </>
                  }
                  defaultChecked={present.has(m.id)}
                />
              ))}
            </fieldset>
            <p>
              <button type="submit">{t("network.save_attendance")}</button>
            </p>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="minutes">
        <h2 id="minutes">{t("network.minutes")}</h2>
        {canRun && editable && meeting.agenda.length ? (
          <Form method="post" className="stack" noValidate key={`m-${meeting.version}`}>
            <ErrorSummary errors={errorsFor("minutes")} />
            <input type="hidden" name="intent" value="minutes" />
            {v}
            {meeting.agenda.map((a) => (
              <div key={a.id}>
                <input type="hidden" name="agendaItemId" value={a.id} />
                <TextField
                  id={`min-${a.id}`}
                  name={`discussion_${a.id}`}
                  multiline
                  label={t("network.discussion_of", { number: a.number, title: a.title })}
                  defaultValue={a.discussion ?? ""}
                />
              </div>
            ))}
            <p>
              <button type="submit">{t("network.save_minutes")}</button>
            </p>
          </Form>
        ) : null}
        {canRun ? (
          <div className="actions">
            <ErrorSummary errors={errorsFor("minutes_state")} />
            {MINUTES_STATES.filter((s) => canMoveMinutes(meeting.minutesState, s)).map((s) => (
              <Form method="post" key={`${s}-${meeting.version}`}>
                <input type="hidden" name="intent" value="minutes_state" />
                <input type="hidden" name="state" value={s} />
                {v}
                <button type="submit">{t(`network.minutes_to_${s}`)}</button>
              </Form>
            ))}
          </div>
        ) : null}
        <h3 id="comments">{t("network.comments")}</h3>
        {meeting.comments.length ? (
          <ul>
            {meeting.comments.map((c) => (
              <li key={c.id}>
                <bdi>{c.author}</bdi> ({fmt(c.createdAt)}): <bdi>{c.text}</bdi>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("network.no_comments")}</p>
        )}
        {canComment && meeting.minutesState === "comments" ? (
          <Form method="post" className="stack" noValidate>
            <ErrorSummary errors={errorsFor("comment")} />
            <input type="hidden" name="intent" value="comment" />
            <TextField
              id="comment-text"
              name="text"
              multiline
              label={t("network.comment")}
              required
              errors={errorsFor("comment")}
            />
            <p>
              <button type="submit">{t("network.send_comment")}</button>
            </p>
          </Form>
        ) : null}
      </section>
    </>
  );
}
