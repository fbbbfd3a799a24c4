import { data, Form, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { createWaveLinksInput, recordContactInput } from "#app/modules/surveys/contracts.ts";
import { CONTACT_STATUSES } from "#app/modules/surveys/model.ts";
import { parseStratumKey } from "#app/modules/surveys/sampling.ts";
import { isAppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { isolate } from "../../../components/offers/format.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/wave";

/**
 * A wave's field work: the sample with its reserve, contact outcomes, one-time links for the
 * letters, and the response rate per stratum. The contact list names persons, so the page is
 * for the survey team only and every view of it is audited.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const w = await ctx.services.surveys
    .getWave(principal, params.waveId, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (isAppError(e) && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  const tenantAreas = await ctx.services.areas.list(ctx.tenant.id);
  const areaName = new Map(tenantAreas.map((a) => [a.id, a.name]));
  const stratumLabel = (key: string) => {
    const p = parseStratumKey(key);
    return [
      p.district !== undefined ? (areaName.get(p.district) ?? "?") : null,
      p.sex !== undefined ? `sex:${p.sex}` : null,
      p.age_band !== undefined ? `age:${p.age_band}` : null,
    ].filter((x): x is string => x !== null);
  };
  return {
    survey: { id: w.survey.id, title: w.survey.title },
    wave: {
      id: w.wave.id,
      number: w.wave.number,
      label: w.wave.label,
      seed: w.wave.design.seed,
      population: w.wave.frame?.population ?? 0,
    },
    strata: w.strata.map((s) => ({ ...s, parts: stratumLabel(s.key) })),
    members: w.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      householdLabel: m.householdLabel,
      stratum: stratumLabel(m.stratum),
      rank: m.rank,
      reserve: m.reserve,
      activated: m.activated,
      contactStatus: m.contactStatus,
      attempts: m.attempts,
      version: m.version,
      link: m.link ? { expiresAt: m.link.expiresAt.toISOString(), used: m.link.usedAt !== null } : null,
    })),
    statuses: [...CONTACT_STATUSES],
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  if (str("intent") === "links") {
    const r = await formAction(ctx.t, () =>
      ctx.services.surveys.createWaveLinks(
        principal,
        params.waveId,
        parseInput(createWaveLinksInput, { lang: str("lang") || ctx.lang }),
        { requestId: ctx.requestId },
      ),
    );
    if ("data" in r)
      return data({ errors: r.data.errors, links: null, activated: null }, r.init ?? undefined);
    const origin = new URL(request.url).origin;
    const lang = str("lang") || ctx.lang;
    return {
      errors: undefined,
      activated: null,
      links: r.value.map((l) => ({
        name: l.name,
        url: `${origin}/${lang}/survey/${l.token}`,
        expiresAt: l.expiresAt.toISOString(),
      })),
    };
  }
  const r = await formAction(ctx.t, () =>
    ctx.services.surveys.recordContact(
      principal,
      params.waveId,
      str("personId"),
      parseInput(recordContactInput, { status: str("status"), version: str("version") }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data({ errors: r.data.errors, links: null, activated: null }, r.init ?? undefined);
  return { errors: undefined, links: null, activated: r.value.activated };
}

export default function Wave({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const head = (parts: string[]) =>
    parts.length === 0
      ? t("surveys.stratum_all")
      : parts
          .map((p) =>
            p.startsWith("sex:")
              ? t(`cases.sex_${p.slice(4)}`)
              : p.startsWith("age:")
                ? p.slice(4)
                : isolate(p),
          )
          .join(" · ");
  const rate = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)} %` : "–");
  const active = d.members.filter((m) => !m.reserve || m.activated);
  const reserve = d.members.filter((m) => m.reserve && !m.activated);
  return (
    <>
      <p>
        <Link to={`/staff/surveys/${d.survey.id}`}>
          <bdi>{d.survey.title}</bdi>
        </Link>
      </p>
      <h1>
        {d.wave.number}. <bdi>{d.wave.label}</bdi>
      </h1>
      <p>{t("surveys.wave_facts", { population: d.wave.population, seed: d.wave.seed })}</p>
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.activated ? <Notice kind="success">{t("surveys.reserve_activated")}</Notice> : null}

      <div className="table-wrap">
        <table>
          <caption>{t("surveys.strata_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_stratum")}</th>
              <th scope="col">{t("surveys.col_population")}</th>
              <th scope="col">{t("surveys.col_sample")}</th>
              <th scope="col">{t("surveys.col_contacted")}</th>
              <th scope="col">{t("surveys.col_responded")}</th>
              <th scope="col">{t("surveys.col_refused")}</th>
              <th scope="col">{t("surveys.col_unreachable")}</th>
              <th scope="col">{t("surveys.col_rate")}</th>
            </tr>
          </thead>
          <tbody>
            {d.strata.map((s) => (
              <tr key={s.key}>
                <th scope="row">{head(s.parts)}</th>
                <td>{s.population}</td>
                <td>{s.sample}</td>
                <td>{s.contacted}</td>
                <td>{s.responded}</td>
                <td>{s.refused}</td>
                <td>{s.unreachable}</td>
                <td>{rate(s.responded, s.active)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("surveys.links_title")}</h2>
      <p className="hint">{t("surveys.links_intro")}</p>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="links" />
        <div className="field">
          <label htmlFor="f-links-lang">{t("surveys.link_language")}</label>
          <select id="f-links-lang" name="lang">
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-secondary">
          {t("surveys.links_create")}
        </button>
      </Form>
      {actionData?.links ? (
        <div className="table-wrap">
          <table>
            <caption>{t("surveys.links_created", { count: actionData.links.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("surveys.col_person")}</th>
                <th scope="col">{t("surveys.col_link")}</th>
              </tr>
            </thead>
            <tbody>
              {actionData.links.map((l) => (
                <tr key={l.url}>
                  <td>
                    <bdi>{l.name}</bdi>
                  </td>
                  <td>
                    <code className="one-time-link">{l.url}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h2>{t("surveys.contacts_title", { count: active.length })}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("surveys.contacts_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_person")}</th>
              <th scope="col">{t("surveys.col_stratum")}</th>
              <th scope="col">{t("surveys.col_link")}</th>
              <th scope="col">{t("surveys.col_status")}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((m) => (
              <tr key={m.personId}>
                <td>
                  <bdi>{m.name}</bdi>{" "}
                  <span className="hint">
                    (<bdi>{m.householdLabel}</bdi>)
                  </span>
                  {m.activated ? <span className="badge"> {t("surveys.from_reserve")}</span> : null}
                </td>
                <td>{head(m.stratum)}</td>
                <td>
                  {m.link
                    ? m.link.used
                      ? t("surveys.link_used")
                      : t("surveys.link_open", { date: m.link.expiresAt.slice(0, 10) })
                    : "–"}
                </td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="personId" value={m.personId} />
                    <input type="hidden" name="version" value={String(m.version)} />
                    <label className="visually-hidden" htmlFor={`st-${m.personId}`}>
                      {t("surveys.col_status")}: <bdi>{m.name}</bdi>
                    </label>
                    <select id={`st-${m.personId}`} name="status" defaultValue={m.contactStatus}>
                      {d.statuses.map((s) => (
                        <option key={s} value={s}>
                          {t(`surveys.contact_${s}`)}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit" className="button-secondary">
                      {t("surveys.save")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("surveys.reserve_left", { count: reserve.length })}</p>
    </>
  );
}
