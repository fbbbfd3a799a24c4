import { data, Form } from "react-router";
import { memberErasureInput, memberErasureSearch } from "#app/modules/network/contracts.ts";
import {
  contributionErasureInput,
  contributionErasureSearch,
} from "#app/modules/network/participation.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/erasure";
import { useDateTime } from "./format.ts";

/**
 * Erasure on request (Art. 17 GDPR) by the data-protection officer: a contribution's text
 * (decision 111), found by a piece of its text or by the sender's tracking link, and a body member
 * (decision 122), found by a piece of the name, with what the erasure removes. Each match shown is
 * an audited read; the search terms are not logged.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const q = params.get("q") ?? "";
  const member = params.get("member") ?? "";
  const privacy = ctx.services.network.privacy;
  let matches = null;
  let errors: FormErrors | undefined;
  if (q) {
    const r = await formAction(ctx.t, () =>
      privacy.findContributions(principal, parseInput(contributionErasureSearch, { q }), ctx.requestId),
    );
    if ("data" in r) errors = r.data.errors;
    else
      matches = r.value.map((m) => ({
        ...m,
        createdAt: m.createdAt.toISOString(),
        eventStartsAt: m.eventStartsAt.toISOString(),
      }));
  }
  let members = null;
  let memberErrors: FormErrors | undefined;
  if (member) {
    const r = await formAction(ctx.t, () =>
      privacy.findMembers(principal, parseInput(memberErasureSearch, { member }), ctx.requestId),
    );
    if ("data" in r) memberErrors = r.data.errors;
    else members = r.value;
  }
  return { q, matches, errors, member, members, memberErrors };
}

type ActionResult =
  | { ok: true; intent: "contribution"; erased: number }
  | { ok: true; intent: "member"; erased: number; attendance: number }
  | { ok: false; intent: string; id: string; errors: FormErrors };

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const id = formString(form, "id");
  const intent = formString(form, "intent") === "member" ? "member" : "contribution";
  const confirm = formString(form, "confirm") === "on";
  const privacy = ctx.services.network.privacy;
  if (intent === "member") {
    const r = await formAction(ctx.t, () =>
      privacy.erase(principal, parseInput(memberErasureInput, { id, confirm }).id, ctx.requestId),
    );
    if ("data" in r)
      return data({ ok: false as const, intent, id, errors: r.data.errors }, r.init ?? undefined);
    return {
      ok: true,
      intent,
      erased: r.value.members,
      attendance: r.value.attendance,
    } satisfies ActionResult;
  }
  const r = await formAction(ctx.t, () =>
    privacy.eraseContribution(
      principal,
      parseInput(contributionErasureInput, { id, confirm }).id,
      ctx.requestId,
    ),
  );
  if ("data" in r)
    return data({ ok: false as const, intent, id, errors: r.data.errors }, r.init ?? undefined);
  return { ok: true, intent, erased: r.value.contributions } satisfies ActionResult;
}

function ConfirmForm(props: {
  id: string;
  intent: string;
  label: string;
  submit: string;
  errors?: FormErrors;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value={props.intent} />
        <input type="hidden" name="id" value={props.id} />
        <div className="checkbox">
          <input type="checkbox" id={`confirm-${props.id}`} name="confirm" required />
          <label htmlFor={`confirm-${props.id}`}>{props.label}</label>
        </div>
        <p>
          <button type="submit" className="button-danger">
            {props.submit}
          </button>
        </p>
      </Form>
    </>
  );
}

export default function Erasure({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const result = actionData as ActionResult | undefined;
  const errorsFor = (intent: string, id: string) =>
    result && !result.ok && result.intent === intent && result.id === id ? result.errors : undefined;
  return (
    <>
      <h1>{t("network.erasure_page_title")}</h1>
      {result?.ok && result.intent === "contribution" ? (
        <Notice kind="success">
          {result.erased ? t("network.erasure_done") : t("network.erasure_nothing_left")}
        </Notice>
      ) : null}
      {result?.ok && result.intent === "member" ? (
        <Notice kind="success">{t("network.erasure_member_done", { attendance: result.attendance })}</Notice>
      ) : null}

      <section aria-labelledby="erasure-contributions">
        <h2 id="erasure-contributions">{t("network.erasure_title")}</h2>
        <p>{t("network.erasure_intro")}</p>
        <ErrorSummary errors={d.errors} />
        <Form method="get" className="stack" noValidate>
          <TextField
            name="q"
            type="search"
            label={t("network.erasure_search")}
            hint={t("network.erasure_search_hint")}
            defaultValue={d.q}
            maxLength={300}
            errors={d.errors}
          />
          <p>
            <button type="submit">{t("network.erasure_find")}</button>
          </p>
        </Form>
        {d.matches ? (
          <section aria-labelledby="erasure-matches">
            <h3 id="erasure-matches">{t("network.erasure_matches", { count: d.matches.length })}</h3>
            {d.matches.length === 0 ? <p>{t("network.erasure_none")}</p> : null}
            {d.matches.map((m) => (
              <article key={m.id} aria-labelledby={`m-${m.id}`} className="card">
                <h4 id={`m-${m.id}`}>
                  {m.eventTitle} · {fmt(m.eventStartsAt)}
                </h4>
                <p className="pre-line" dir="auto">
                  {m.text}
                </p>
                <p>
                  {t(`network.contribution_state_${m.state}`)} ·{" "}
                  {t(`network.contribution_source_${m.source}`)} · {fmt(m.createdAt)}
                </p>
                <ConfirmForm
                  id={m.id}
                  intent="contribution"
                  label={t("network.erasure_confirm")}
                  submit={t("network.erasure_submit")}
                  errors={errorsFor("contribution", m.id)}
                />
              </article>
            ))}
          </section>
        ) : null}
      </section>

      <section aria-labelledby="erasure-members">
        <h2 id="erasure-members">{t("network.erasure_members_title")}</h2>
        <p>{t("network.erasure_members_intro")}</p>
        <ErrorSummary errors={d.memberErrors} />
        <Form method="get" className="stack" noValidate>
          <TextField
            name="member"
            type="search"
            label={t("network.erasure_member_search")}
            hint={t("network.erasure_member_search_hint")}
            defaultValue={d.member}
            maxLength={200}
            errors={d.memberErrors}
          />
          <p>
            <button type="submit">{t("network.erasure_find")}</button>
          </p>
        </Form>
        {d.members ? (
          <section aria-labelledby="erasure-member-matches">
            <h3 id="erasure-member-matches">{t("network.erasure_matches", { count: d.members.length })}</h3>
            {d.members.length === 0 ? <p>{t("network.erasure_member_none")}</p> : null}
            {d.members.map((m) => (
              <article key={m.id} aria-labelledby={`mb-${m.id}`} className="card">
                <h4 id={`mb-${m.id}`}>
                  <bdi>{m.name}</bdi> · {m.bodyName} ({t(`network.role_${m.role}`)})
                </h4>
                <p>{t("network.erasure_member_what")}</p>
                <ul>
                  <li>
                    {t("network.erasure_member_record", {
                      from: m.termStart ?? "…",
                      to: m.termEnd ?? "…",
                    })}
                    {m.hasEmail ? ` ${t("network.erasure_member_email")}` : ""}
                  </li>
                  <li>
                    {t("network.erasure_member_attendance", {
                      count: m.attendance,
                      published: m.publishedAttendance,
                    })}
                  </li>
                  <li>{t("network.erasure_member_audit")}</li>
                </ul>
                <ConfirmForm
                  id={m.id}
                  intent="member"
                  label={t("network.erasure_member_confirm")}
                  submit={t("network.erasure_member_submit")}
                  errors={errorsFor("member", m.id)}
                />
              </article>
            ))}
          </section>
        ) : null}
      </section>
    </>
  );
}
