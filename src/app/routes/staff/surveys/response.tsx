import { data, Link } from "react-router";
import { type ResponseItem, responseItems } from "#app/modules/surveys/response-view.ts";
import { isAppError } from "#app/server/errors.ts";
import { isolate } from "../../../components/offers/format.ts";
import { surveyDir } from "../../../components/survey-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/response";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/**
 * One response (decision 124): every answer of one submission under its own form version,
 * repeats grouped per instance, files linked. The service decides who may read it (case access
 * for a case's response, else the analyst) and records the one audited read.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const r = await ctx.services.surveys
    .getResponse(principal, params.id, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (isAppError(e) && (e.status === 404 || e.status === 403)) throw data(null, { status: e.status });
      throw e;
    });
  const def = r.definition;
  const lang = def.languages.includes(ctx.lang) ? ctx.lang : def.defaultLanguage;
  return data(
    {
      title: ctx.t("surveys.response_title", { form: isolate(r.form.title) }),
      responseId: r.response.id,
      form: { id: r.form.id, title: r.form.title },
      version: r.response.formVersion,
      channel: r.response.channel,
      submittedAt: r.response.submittedAt.toISOString(),
      caseId: r.response.caseId,
      lang,
      items: responseItems(def, r.answers, lang, r.files),
    },
    // personal data: never kept by a browser or proxy
    { headers: { "cache-control": "no-store" } },
  );
}

export default function ResponsePage({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/staff/forms/${d.form.id}?version=${d.version}`}>{t("surveys.response_back")}</Link>
      </p>
      <h1>{d.title}</h1>
      <dl className="facts">
        <dt>{t("surveys.col_form")}</dt>
        <dd>
          <bdi>{d.form.title}</bdi> ({t("surveys.version_n", { n: String(d.version) })})
        </dd>
        <dt>{t("surveys.col_channel")}</dt>
        <dd>{t(`surveys.channel_${d.channel}`)}</dd>
        <dt>{t("surveys.col_submitted")}</dt>
        <dd>
          <bdi>{d.submittedAt.slice(0, 16).replace("T", " ")}</bdi>
        </dd>
        {d.caseId ? (
          <>
            <dt>{t("surveys.response_case")}</dt>
            <dd>
              <Link to={`/staff/cases/${d.caseId}`}>{t("surveys.response_open_case")}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <h2 id="answers-h">{t("surveys.response_answers")}</h2>
      {/* the form's texts in the language shown, its direction with it */}
      <div className="survey-response" lang={d.lang} dir={surveyDir(d.lang)}>
        {d.items.length === 0 ? <p>{t("surveys.response_empty")}</p> : null}
        <Items items={d.items} level={3} responseId={d.responseId} />
      </div>
    </>
  );
}

type ItemsProps = { items: ResponseItem[]; level: number; responseId: string };

/** Answers as description lists; a group or a repeat's instance as a headed part of its own. */
function Items({ items, level, responseId }: ItemsProps) {
  const t = useT();
  const H = `h${Math.min(level, 6)}` as "h3";
  const blocks: (ResponseItem[] | ResponseItem)[] = [];
  for (const item of items) {
    const last = blocks.at(-1);
    if (item.kind === "answer" && Array.isArray(last)) last.push(item);
    else blocks.push(item.kind === "answer" ? [item] : item);
  }
  return blocks.map((b) => {
    if (Array.isArray(b))
      return (
        <dl className="facts" key={`dl-${b[0]!.name}`}>
          {b.map((a) =>
            a.kind === "answer" ? (
              <div key={a.name} data-question={a.name}>
                <dt>{a.label}</dt>
                <dd>
                  <Answer a={a} responseId={responseId} />
                </dd>
              </div>
            ) : null,
          )}
        </dl>
      );
    if (b.kind === "group")
      return (
        <section key={b.name} data-group={b.name}>
          <H>{b.label}</H>
          <Items items={b.items} level={level + 1} responseId={responseId} />
        </section>
      );
    if (b.kind === "answer") return null;
    return (
      <section key={b.name} data-repeat={b.name}>
        <H>{b.label}</H>
        {b.instances.length === 0 ? <p>{t("surveys.response_no_instances")}</p> : null}
        {b.instances.map((inst, i) => {
          const Inner = `h${Math.min(level + 1, 6)}` as "h4";
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: instances have no id; their order is their number
            <section key={i} className="survey-response-instance">
              <Inner>{t("surveys.response_instance", { label: b.label, n: String(i + 1) })}</Inner>
              <Items items={inst} level={level + 2} responseId={responseId} />
            </section>
          );
        })}
      </section>
    );
  });
}

function Answer({ a, responseId }: { a: Extract<ResponseItem, { kind: "answer" }>; responseId: string }) {
  const t = useT();
  if (a.yesNo !== undefined) return <>{t(a.yesNo ? "surveys.yes" : "surveys.no")}</>;
  if (a.file !== undefined) {
    if (!a.file) return <>{t("surveys.response_file_gone")}</>;
    return (
      <>
        <a href={`/api/v1/surveys/responses/${responseId}/files/${a.file.id}`} download={a.file.fileName}>
          <bdi>{a.file.fileName}</bdi>
        </a>{" "}
        <bdi>
          ({a.file.mimeType}, {Math.max(1, Math.round(a.file.byteSize / 1024))} KB)
        </bdi>
      </>
    );
  }
  // answers are the respondent's own text: each value isolated, whatever its script
  if (a.values.length === 1) return <bdi>{a.values[0]}</bdi>;
  return (
    <ul>
      {a.values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: values may repeat; their order is their place
        <li key={i} dir="auto">
          {v}
        </li>
      ))}
    </ul>
  );
}
