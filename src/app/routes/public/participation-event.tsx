import { data, Form, useLoaderData } from "react-router";
import { formatLanguage } from "#app/i18n/languages.ts";
import { pageFrom } from "#app/modules/network/contracts.ts";
import { publicContributionInput } from "#app/modules/network/participation.contracts.ts";
import { isContentLanguage } from "#app/modules/translations/languages.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../components/form/index.ts";
import { Pager } from "../../components/network/pager.tsx";
import { ContributionState, EventFacts } from "../../components/network/participation-public.tsx";
import { De, formatDateTime } from "../../components/network/public.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/participation-event";

/**
 * A public participation event (decision 077): when, where, in which languages; its moderated
 * contributions with what became of them; and, while it is open, the contribution form — without
 * an account and without JavaScript, with consent, a honeypot and a rate limit.
 */
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

/** Published contributions per page (decision 122): a phone scrolls through twenty. */
const PAGE = 20;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const page = pageFrom(new URL(request.url), PAGE);
  const found = await ctx.services.network.publicSite
    .event(ctx.tenant.id, params.id, page)
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  const axes = found.event.acceptsContributions
    ? await ctx.services.framework.list(ctx.tenant.id, isContentLanguage(ctx.lang) ? ctx.lang : "de")
    : [];
  const fields = axes
    .filter((a) => a.kind === "field_of_action")
    .flatMap((a) => a.terms.filter((x) => x.active))
    .map((x) => ({ value: x.id, label: x.label?.text ?? x.key }));
  return data({ ...found, fields, tenant: ctx.tenant.name }, { headers: NO_STORE });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const values = { text: formString(form, "text"), fieldOfActionId: formString(form, "fieldOfActionId") };
  const r = await formAction(ctx.t, () =>
    ctx.services.network.submitContribution(
      ctx.tenant.id,
      params.id,
      parseInput(publicContributionInput, {
        ...values,
        consent: formString(form, "consent"),
        website: formString(form, "website"),
      }),
      { language: formatLanguage(ctx.lang), clientIp: ctx.clientIp },
    ),
  );
  if ("data" in r)
    return data(
      { ok: false as const, errors: r.data.errors, values, receipt: null },
      { status: r.init?.status ?? 422, headers: NO_STORE },
    );
  return data({ ok: true as const, errors: undefined, values, receipt: r.value }, { headers: NO_STORE });
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [
    { title: loaderData ? `${loaderData.event.title} · ${loaderData.tenant}` : "Lotse" },
    { name: "referrer", content: "same-origin" },
  ];
}

export default function ParticipationEventPage({ actionData }: Route.ComponentProps) {
  const { event: e, contributions, total, page, fields } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const errors = actionData?.ok === false ? actionData.errors : undefined;
  return (
    <article aria-labelledby="event-title">
      <p className="no-print">
        <a href={`/${lang}/meetings?month=${e.startsAt.slice(0, 7)}`}>{t("network.public_back")}</a>
      </p>
      <h1 id="event-title">
        <De>{e.title}</De>
      </h1>
      <p>
        <time dateTime={e.startsAt}>{formatDateTime(lang, e.startsAt)}</time>
      </p>
      <EventFacts e={e} t={t} lang={lang} />
      {e.description ? (
        <p className="pre-line">
          <De>{e.description}</De>
        </p>
      ) : null}

      <section aria-labelledby="contributions">
        <h2 id="contributions">{t("network.contributions_public_title")}</h2>
        {contributions.length === 0 ? <p>{t("network.contributions_public_none")}</p> : null}
        <ul className="event-list">
          {contributions.map((c) => (
            <li key={c.id}>
              <ContributionState c={c} t={t} lang={lang} />
            </li>
          ))}
        </ul>
        <Pager t={t} offset={page.offset} limit={PAGE} shown={contributions.length} total={total} />
      </section>

      {e.acceptsContributions ? (
        <section aria-labelledby="contribute">
          <h2 id="contribute">{t("network.contribute_title")}</h2>
          {actionData?.ok ? (
            <Notice kind="success">
              <p>{t("network.contribute_thanks")}</p>
              {actionData.receipt.trackingToken ? (
                <p>
                  <a href={`/${lang}/contributions/${actionData.receipt.trackingToken}`}>
                    {t("network.contribute_track_link")}
                  </a>
                </p>
              ) : null}
            </Notice>
          ) : (
            <Form method="post" className="stack" noValidate>
              <p>{t("network.contribute_intro")}</p>
              <ErrorSummary errors={errors} />
              <TextField
                id="contribution-text"
                name="text"
                multiline
                required
                maxLength={4000}
                label={t("network.contribution_text")}
                hint={t("network.contribute_no_names")}
                defaultValue={actionData?.values.text ?? ""}
                errors={errors}
              />
              {fields.length ? (
                <Select
                  name="fieldOfActionId"
                  label={t("network.contribution_field")}
                  empty={t("network.contribution_field_none")}
                  options={fields}
                  defaultValue={actionData?.values.fieldOfActionId ?? ""}
                  errors={errors}
                />
              ) : null}
              <Checkbox name="consent" label={t("network.contribute_consent")} errors={errors} />
              {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
              <div className="visually-hidden" aria-hidden="true">
                <label htmlFor="contribution-website">Website</label>
                <input
                  id="contribution-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                />
              </div>
              <p>
                <button type="submit">{t("network.contribute_submit")}</button>
              </p>
            </Form>
          )}
        </section>
      ) : null}
    </article>
  );
}
