import { data, Form, Link } from "react-router";
import {
  decideInput,
  linkApplicationInput,
  reviewInput,
  screenInput,
} from "#app/modules/funding/contracts.ts";
import { DECISION_OUTCOMES, formatMoney, SCORE_MAX, SCORE_MIN } from "#app/modules/funding/model.ts";
import { isMeasureKind } from "#app/modules/strategy/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  formString,
  Notice,
  RadioGroup,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { EligibilityTable } from "../../../components/funding-eligibility.tsx";
import { FundingLinksSection, type LinkChoices, MAX_OFFER_ROWS } from "../../../components/funding-links.tsx";
import { type PageContext, pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/application";

/** One application: plan and eligibility, screening, the board's scores and the decision. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const notFound = (e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  };
  const app = await ctx.services.funding.getApplication(principal, params.id, ctx.requestId).catch(notFound);
  const link = can(principal, "funding.calls.manage");
  const [call, reviews, letters, links, choices] = await Promise.all([
    ctx.services.funding.getCall(principal, app.callId),
    ctx.services.funding.reviews(principal, app.id),
    ctx.services.funding.letters.letterLangs(principal.tenantId, app.id),
    ctx.services.funding.links.get(principal, app.id),
    link ? linkChoices(ctx, principal) : null,
  ]);
  return {
    app,
    call,
    reviews,
    letters,
    links,
    choices,
    may: {
      screen: can(principal, "funding.screen"),
      review: can(principal, "funding.review"),
      decide: can(principal, "funding.decide"),
    },
  };
}

/**
 * What the integration officer can link (decision 102): the goal tree's measures (through the
 * strategy service, with their path) and the directory's offers (through the directory service).
 */
async function linkChoices(ctx: PageContext, principal: Principal): Promise<LinkChoices> {
  const [tree, directory] = await Promise.all([
    can(principal, "strategy.read") ? ctx.services.strategy.tree(principal, ctx.tenant.id) : null,
    ctx.services.directory.choices(principal),
  ]);
  const nodes = new Map((tree?.nodes ?? []).map((n) => [n.id, n]));
  const pathOf = (id: string | null): string[] => {
    const out: string[] = [];
    for (
      let n = id ? nodes.get(id) : undefined;
      n && out.length < 12;
      n = n.parentId ? nodes.get(n.parentId) : undefined
    )
      out.unshift(n.title);
    return out;
  };
  return {
    measures: [...nodes.values()]
      .filter((n) => isMeasureKind(n.kind))
      .map((n) => ({ value: n.id, label: pathOf(n.id).join(" › ") }))
      .sort((a, b) => a.label.localeCompare(b.label, ctx.lang)),
    offers: directory.offers
      .map((o) => ({ value: o.id, label: o.name }))
      .sort((a, b) => a.label.localeCompare(b.label, ctx.lang)),
  };
}

/** The offer rows that were filled, in order, with the row each came from (errors go back there). */
function offerRows(form: FormData) {
  const rows: { row: number; id: string }[] = [];
  for (let i = 0; i < MAX_OFFER_ROWS; i++) {
    const id = formString(form, `offerIds.${i}`);
    if (id) rows.push({ row: i, id });
  }
  return rows;
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const version = Number(formString(form, "version")) || 0;
  const f = ctx.services.funding;
  const result = await formAction(ctx.t, async () => {
    if (intent === "screen") {
      const p = requirePage(ctx, "funding.screen");
      const input = parseInput(screenInput, {
        version,
        outcome: formString(form, "outcome"),
        note: formString(form, "note"),
      });
      return f.screen(p, params.id, input, ctx.requestId);
    }
    if (intent === "review") {
      const p = requirePage(ctx, "funding.review");
      const scores: Record<string, string> = {};
      for (const [k, v] of form.entries())
        if (k.startsWith("scores.") && typeof v === "string" && v) scores[k.slice(7)] = v;
      const input = parseInput(reviewInput, {
        conflict: formString(form, "conflict"),
        scores,
        comment: formString(form, "comment"),
      });
      return f.review(p, params.id, input);
    }
    if (intent === "links") {
      const p = requirePage(ctx, "funding.calls.manage");
      const rows = offerRows(form);
      try {
        const input = parseInput(linkApplicationInput, {
          version,
          measureId: formString(form, "measureId") || null,
          offerIds: rows.map((r) => r.id),
        });
        return await f.links.set(p, params.id, input, ctx.requestId);
      } catch (e) {
        // The contract numbers the filled rows; the form numbers all of them.
        if (!(e instanceof AppError)) throw e;
        throw new AppError(e.code, {
          params: e.params,
          fields: e.fields.map((x) => {
            const m = /^offerIds\.(\d+)(.*)$/.exec(x.field);
            return m ? { ...x, field: `offerIds.${rows[Number(m[1])]?.row ?? m[1]}${m[2]}` } : x;
          }),
        });
      }
    }
    const p = requirePage(ctx, "funding.decide");
    const input = parseInput(decideInput, {
      version,
      outcome: formString(form, "outcome"),
      amount: formString(form, "amount"),
      reason: formString(form, "reason"),
    });
    return f.decide(p, params.id, input, ctx.requestId);
  });
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function FundingApplication({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  const { app, call, reviews, letters, links, choices, may } = loaderData;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const scoreOptions = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => ({
    value: String(SCORE_MIN + i),
    label: String(SCORE_MIN + i),
  }));
  return (
    <>
      <p>
        <Link to={`/staff/funding/calls/${call.id}`}>{t("funding.back")}</Link>
      </p>
      <h1>{app.title}</h1>
      {actionData?.ok ? <Notice kind="success">{t("funding.saved")}</Notice> : null}
      <dl>
        <dt>{t("funding.col_org")}</dt>
        <dd>{app.organizationName}</dd>
        <dt>{t("funding.contact")}</dt>
        <dd>
          {app.contactName} {app.contactEmail ? `<${app.contactEmail}>` : null}
        </dd>
        <dt>{t("funding.col_status")}</dt>
        <dd>{t(`funding.status_${app.status}`)}</dd>
      </dl>
      <h2>{t("funding.summary")}</h2>
      <p>{app.summary}</p>
      <EligibilityTable
        eligibility={app.eligibility}
        projectCapCents={call.projectCapCents}
        year={app.year}
        descriptions={app.budget.map((l) => l.description)}
      />
      {app.screeningNote ? <p>{t("funding.screening_note_shown", { note: app.screeningNote })}</p> : null}

      {may.screen && app.status === "submitted" ? (
        <section aria-labelledby="screening">
          <h2 id="screening">{t("funding.screening_title")}</h2>
          <ErrorSummary errors={errorsFor("screen")} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="screen" />
            <input type="hidden" name="version" value={app.version} />
            <RadioGroup
              name="outcome"
              legend={t("funding.screen_outcome")}
              options={[
                { value: "eligible", label: t("funding.screen_eligible") },
                { value: "ineligible", label: t("funding.screen_ineligible") },
              ]}
              errors={errorsFor("screen")}
            />
            <TextField
              name="note"
              label={t("funding.screen_note")}
              multiline
              rows={3}
              errors={errorsFor("screen")}
            />
            <button type="submit">{t("funding.screen_submit")}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="reviews">
        <h2 id="reviews">{t("funding.review_title")}</h2>
        {reviews.mine ? (
          <p>
            {reviews.mine.conflict
              ? t("funding.review_yours_conflict")
              : t("funding.review_yours", { weighted: reviews.mine.weighted })}
          </p>
        ) : null}
        {may.review && !reviews.mine && app.status === "in_review" ? (
          <>
            <ErrorSummary errors={errorsFor("review")} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="review" />
              <Checkbox name="conflict" label={t("funding.review_conflict")} errors={errorsFor("review")} />
              {call.criteria.map((c) => (
                <Select
                  key={c.key}
                  name={`scores.${c.key}`}
                  label={t("funding.score_label", { criterion: c.label, weight: c.weight })}
                  hint={t("funding.score_hint")}
                  options={[{ value: "", label: "–" }, ...scoreOptions]}
                  errors={errorsFor("review")}
                />
              ))}
              <TextField
                name="comment"
                label={t("funding.review_comment")}
                multiline
                rows={3}
                errors={errorsFor("review")}
              />
              <button type="submit">{t("funding.review_submit")}</button>
            </Form>
          </>
        ) : null}
        {reviews.others === null ? (
          <p>{t("funding.reviews_hidden")}</p>
        ) : reviews.others.length === 0 && !reviews.mine ? (
          <p>{t("funding.reviews_none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("funding.reviews_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("funding.col_reviewer")}</th>
                  {call.criteria.map((c) => (
                    <th scope="col" key={c.key} className="num">
                      {c.label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("funding.col_points")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...(reviews.mine ? [reviews.mine] : []), ...reviews.others].map((r) => (
                  <tr key={r.reviewerId}>
                    <th scope="row">{r.reviewerName}</th>
                    {call.criteria.map((c) => (
                      <td key={c.key} className="num">
                        {r.conflict ? t("funding.conflict_declared") : (r.scores[c.key] ?? "–")}
                      </td>
                    ))}
                    <td className="num">{r.conflict ? "–" : r.weighted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {reviews.averageWeighted !== null ? (
          <p>{t("funding.reviews_average", { count: reviews.count, average: reviews.averageWeighted })}</p>
        ) : null}
      </section>

      <section aria-labelledby="decision">
        <h2 id="decision">{t("funding.decision_title")}</h2>
        {app.grantedCents !== null ? (
          <>
            <p>
              {t("funding.decided", {
                outcome: t(`funding.status_${app.status}`),
                amount: m(app.grantedCents),
              })}
            </p>
            {app.decisionReason ? <p>{t("funding.decided_reason", { reason: app.decisionReason })}</p> : null}
            <h3>{t("funding.letter_heading")}</h3>
            {letters.length === 0 ? (
              <p>{t("funding.letter_pending")}</p>
            ) : (
              <ul>
                {letters.map((l) => (
                  <li key={l}>
                    <a href={`/api/v1/funding/applications/${app.id}/letter/${l}`} download>
                      {t("funding.letter_download", { language: t(`funding.letter_lang_${l}`) })}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {app.status !== "refused" ? (
              <ul>
                <li>
                  <Link to={`/staff/funding/applications/${app.id}/payments`}>
                    {t("funding.payments_link")}
                  </Link>
                </li>
                <li>
                  <Link to={`/staff/funding/applications/${app.id}/proof`}>{t("funding.proof_title")}</Link>
                </li>
              </ul>
            ) : null}
          </>
        ) : may.decide && app.status === "in_review" ? (
          <>
            <ErrorSummary errors={errorsFor("decide")} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="version" value={app.version} />
              <RadioGroup
                name="outcome"
                legend={t("funding.outcome")}
                options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`funding.outcome_${o}`) }))}
                errors={errorsFor("decide")}
              />
              <TextField
                name="amount"
                label={t("funding.decision_amount")}
                hint={t("funding.decision_amount_hint", { eligible: m(app.eligibleCents) })}
                inputMode="decimal"
                errors={errorsFor("decide")}
              />
              <TextField
                name="reason"
                label={t("funding.decision_reason")}
                multiline
                rows={3}
                required
                errors={errorsFor("decide")}
              />
              <button type="submit">{t("funding.decision_submit")}</button>
            </Form>
          </>
        ) : null}
      </section>
      <FundingLinksSection links={links} choices={choices} errors={errorsFor("links")} />
    </>
  );
}
