import { data, Form, Link } from "react-router";
import { fixDatePollInput, staffPollAnswerInput } from "#app/modules/network/date-polls.contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, RadioGroup, Select } from "../../../components/form/index.ts";
import { answersFrom, PollAnswerFields } from "../../../components/network/poll-answers.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/date-poll";
import { useDateTime } from "./format.ts";

/**
 * A date poll (Terminfindung, decision 126): the table of answers per member and date, the
 * secretary's form to record a member's answers, and fixing one date, which creates or moves
 * the meeting.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const poll = await ctx.services.network
    .getDatePoll(principal, params.id, ctx.requestId)
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  return { poll, canManage: can(principal, "network.meetings.manage") };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  requirePage(ctx, "network.meetings.manage");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const actor = { kind: "user" as const, principal };
  const result = await formAction(ctx.t, async () => {
    if (intent === "fix") {
      const input = parseInput(fixDatePollInput, {
        optionId: formString(form, "optionId"),
        version: Number(formString(form, "version")),
      });
      return ctx.services.network.fixDatePoll(actor, params.id, input, ctx.requestId);
    }
    const input = parseInput(staffPollAnswerInput, {
      memberId: formString(form, "memberId"),
      answers: answersFrom(form),
    });
    return ctx.services.network.answerDatePoll(actor, params.id, input, ctx.requestId);
  });
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function DatePollPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const { poll, canManage } = loaderData;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const label = (o: { startsAt: string; endsAt: string | null }) =>
    o.endsAt ? `${fmt(o.startsAt)} – ${fmt(o.endsAt)}` : fmt(o.startsAt);
  const dates = poll.options.map((o) => ({ id: o.id, label: label(o) }));
  const fixed = poll.options.find((o) => o.id === poll.fixedOptionId);
  return (
    <>
      <p>
        <Link to={`/staff/network/bodies/${poll.bodyId}`}>{poll.bodyName}</Link>
      </p>
      <h1>{t("network.poll_title", { title: poll.title })}</h1>
      {fixed ? (
        <Notice kind="success">
          <p>{t("network.poll_fixed_on", { when: label(fixed) })}</p>
          {poll.meetingId ? (
            <p>
              <Link to={`/staff/network/meetings/${poll.meetingId}`}>{t("network.poll_to_meeting")}</Link>
            </p>
          ) : null}
        </Notice>
      ) : null}
      {actionData?.ok && actionData.intent === "answer" ? (
        <Notice kind="success">{t("network.poll_answer_saved")}</Notice>
      ) : null}

      <section aria-labelledby="answers">
        <h2 id="answers">{t("network.poll_answers")}</h2>
        {/* Many dates scroll sideways: the region is reachable and scrollable by keyboard. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section className="table-wrap" aria-labelledby="answers-caption" tabIndex={0}>
          <table>
            <caption id="answers-caption">{t("network.poll_answers_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network.member_name")}</th>
                {poll.options.map((o) => (
                  <th scope="col" key={o.id}>
                    {label(o)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {poll.responses.map((r) => (
                <tr key={r.memberId}>
                  <th scope="row">{r.name}</th>
                  {poll.options.map((o) => {
                    const a = r.answers[o.id];
                    return (
                      <td key={o.id}>{a ? t(`network.poll_answer_${a}`) : t("network.poll_no_answer")}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("network.poll_totals")}</th>
                {poll.options.map((o) => (
                  <td key={o.id}>{t("network.poll_tally", { yes: o.yes, maybe: o.maybe, no: o.no })}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </section>
      </section>

      {canManage && poll.state === "open" ? (
        <>
          <section aria-labelledby="fix">
            <h2 id="fix">{t("network.poll_fix")}</h2>
            <ErrorSummary errors={errorsFor("fix")} />
            <Form method="post" className="stack" noValidate aria-labelledby="fix">
              <input type="hidden" name="intent" value="fix" />
              <input type="hidden" name="version" value={poll.version} />
              <RadioGroup
                name="optionId"
                legend={t("network.poll_fix_which")}
                options={dates.map((d) => ({ value: d.id, label: d.label }))}
                errors={errorsFor("fix")}
              />
              <p>
                <button type="submit">{t("network.poll_fix")}</button>
              </p>
            </Form>
          </section>
          <section aria-labelledby="record">
            <h2 id="record">{t("network.poll_record")}</h2>
            <ErrorSummary errors={errorsFor("answer")} />
            <Form method="post" className="stack" noValidate aria-labelledby="record">
              <input type="hidden" name="intent" value="answer" />
              <Select
                name="memberId"
                label={t("network.member_name")}
                options={poll.responses.map((r) => ({ value: r.memberId, label: r.name }))}
                errors={errorsFor("answer")}
              />
              <PollAnswerFields t={t} options={dates} errors={errorsFor("answer")} />
              <p>
                <button type="submit">{t("network.poll_record")}</button>
              </p>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
