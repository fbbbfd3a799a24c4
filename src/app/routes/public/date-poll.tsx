import { data, Form, useLoaderData } from "react-router";
import { pollAnswerInput } from "#app/modules/network/date-polls.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../components/form/index.ts";
import { answersFrom, PollAnswerFields } from "../../components/network/poll-answers.tsx";
import { De, formatDateTime } from "../../components/network/public.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/date-poll";

/**
 * A body member answers a date poll through the link in their mail (decision 126): yes, maybe
 * or no per proposed date, without an account and without JavaScript. The member sees their own
 * answers only. A link of a fixed poll, or an unknown one, says so.
 */
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

const token = (p: { token: string }) => p.token.slice(0, 200);

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const poll = await ctx.services.network.pollByToken(ctx.tenant.id, token(params));
  return data({ poll }, { headers: NO_STORE });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.network.answerByToken(
      ctx.tenant.id,
      token(params),
      parseInput(pollAnswerInput, { answers: answersFrom(form) }),
    ),
  );
  if ("data" in r)
    return data(
      { ok: false as const, errors: r.data.errors },
      { status: r.init?.status ?? 422, headers: NO_STORE },
    );
  return data({ ok: true as const, errors: undefined }, { headers: NO_STORE });
}

export default function DatePollAnswer({ actionData }: Route.ComponentProps) {
  const { poll } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  if (!poll)
    return (
      <article aria-labelledby="poll-title">
        <h1 id="poll-title">{t("network.poll_public_title")}</h1>
        <Notice kind="warning">{t("network.poll_public_unknown")}</Notice>
      </article>
    );
  const label = (o: { startsAt: string; endsAt: string | null }) =>
    o.endsAt
      ? `${formatDateTime(lang, o.startsAt)} – ${formatDateTime(lang, o.endsAt)}`
      : formatDateTime(lang, o.startsAt);
  return (
    <article aria-labelledby="poll-title">
      <h1 id="poll-title">{t("network.poll_public_title")}</h1>
      <p>
        <De>{poll.bodyName}</De>: <De>{poll.title}</De>
      </p>
      <p>
        {t("network.poll_public_intro")} <bdi>{poll.memberName}</bdi>
      </p>
      {actionData?.ok ? <Notice kind="success">{t("network.poll_answer_saved")}</Notice> : null}
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={actionData?.errors} />
        <PollAnswerFields
          t={t}
          options={poll.options.map((o) => ({ id: o.id, label: label(o) }))}
          answers={poll.answers}
          errors={actionData?.errors}
        />
        <p>
          <button type="submit">{t("network.poll_public_send")}</button>
        </p>
      </Form>
    </article>
  );
}
