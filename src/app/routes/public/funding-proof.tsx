import { data, Form, Link, useParams } from "react-router";
import { formatLanguage } from "#app/i18n/languages.ts";
import { formatMoney, moneyInput } from "#app/modules/funding/model.ts";
import { fileProofInput } from "#app/modules/funding/proof-contracts.ts";
import { RECEIPT_ROWS_EXTRA } from "#app/modules/funding/proof-model.ts";
import { answerFieldsOf, submissionInput } from "#app/modules/surveys/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ErrorSummary,
  FileField,
  formString,
  Notice,
  Select,
  TextField,
} from "../../components/form/index.ts";
import { ReportQuestionnaire } from "../../components/funding-report.tsx";
import { SettlementTable } from "../../components/funding-settlement.tsx";
import type { SurveyRedisplay } from "../../components/survey-form.tsx";
import { type PageContext, pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { type FormErrors, formAction } from "../../server/guard.server.ts";
import { newSubmissionId, readSurveyPost, redisplay } from "../../server/survey-form.server.ts";
import type { Route } from "./+types/funding-proof";

/**
 * The proof of use (Verwendungsnachweis) behind the applicant's status link: the factual report,
 * the actual costs per cost type against the approved plan, the receipts list and the number of
 * participants. One plain form: works without JavaScript and on a phone (decision 070).
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const token = params.token.slice(0, 200);
  const r = await ctx.services.funding.proofs.byLink(ctx.tenant.id, token);
  const files = r ? await ctx.services.funding.receipts.listByLink(ctx.tenant.id, token) : [];
  // The call's narrative report questionnaire (decision 131), if it names one.
  const report = r ? await ctx.services.funding.proofReports.formByLink(ctx.tenant.id, token) : null;
  return data(
    {
      context: r,
      files,
      report,
      submissionId: newSubmissionId(),
      surveyToday: ctx.services.surveys.today(),
      today: new Date().toISOString().slice(0, 10),
    },
    { headers: NO_STORE },
  );
}

/** The narrative report questionnaire (decision 131), posted to `?report=1`: stored as a survey response. */
async function reportAction(ctx: PageContext, token: string, request: Request) {
  const post = await readSurveyPost(request);
  const form = await ctx.services.funding.proofReports.formByLink(ctx.tenant.id, token);
  const today = ctx.services.surveys.today();
  const answer = (
    ok: boolean,
    errors: FormErrors | undefined,
    again: SurveyRedisplay | null,
    init?: ResponseInit,
  ) =>
    data(
      { ok, errors, intent: "report", again, submissionId: post.submissionId },
      { ...init, headers: NO_STORE },
    );
  if (!form) return answer(false, undefined, null);
  if (post.add) return answer(false, undefined, redisplay(form.definition, post, today));
  const r = await formAction(ctx.t, () =>
    ctx.services.funding.proofReports.file(
      ctx.tenant.id,
      token,
      parseInput(submissionInput, {
        formVersion: post.formVersion,
        submissionId: post.submissionId,
        lang: formatLanguage(ctx.lang),
        answers: answerFieldsOf(post.entries),
      }),
      post.uploads,
    ),
  );
  if ("data" in r)
    return answer(
      false,
      r.data.errors,
      redisplay(form.definition, post, today, r.data.errors),
      r.init ?? undefined,
    );
  return answer(true, undefined, null);
}

/** Receipts as files (decision 078): all or none, errors per file; or one removed. */
async function fileAction(ctx: PageContext, token: string, form: FormData, intent: string) {
  const r = await formAction(ctx.t, async () => {
    if (intent === "remove") {
      const id = formString(form, "fileId");
      if (!isUuid(id)) throw AppError.notFound();
      return ctx.services.funding.receipts.remove(ctx.tenant.id, token, id);
    }
    const files = await Promise.all(
      form
        .getAll("files")
        .filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""))
        .map(async (f) => ({ fileName: f.name, content: new Uint8Array(await f.arrayBuffer()) })),
    );
    return ctx.services.funding.receipts.upload(ctx.tenant.id, token, files);
  });
  if ("data" in r)
    return data({ ok: false as const, errors: r.data.errors, intent }, { ...r.init, headers: NO_STORE });
  return data({ ok: true as const, errors: undefined, intent }, { headers: NO_STORE });
}

/** Reads the form; blank receipt rows are left out, and errors point back at the rows shown. */
function readForm(form: FormData, types: readonly string[]) {
  const rows: number[] = [];
  for (let i = 0; form.has(`receipts.${i}.date`); i++) {
    const cells = ["date", "payee", "amount"].map((k) => formString(form, `receipts.${i}.${k}`));
    if (cells.some((c) => c !== "")) rows.push(i);
  }
  const input = {
    version: Number(formString(form, "version")) || 0,
    report: formString(form, "report"),
    participants: formString(form, "participants") || 0,
    lines: types.map((type, i) => ({
      type,
      actual: formString(form, `lines.${i}.actual`) || 0,
      reason: formString(form, `lines.${i}.reason`),
    })),
    receipts: rows.map((i) => ({
      date: formString(form, `receipts.${i}.date`),
      payee: formString(form, `receipts.${i}.payee`),
      type: formString(form, `receipts.${i}.type`),
      amount: formString(form, `receipts.${i}.amount`),
    })),
  };
  return { input, rows };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const token = params.token.slice(0, 200);
  const link = await ctx.services.funding.proofs.byLink(ctx.tenant.id, token);
  if (!link) return data({ ok: false as const, errors: undefined, intent: "file" }, { headers: NO_STORE });
  if (new URL(request.url).searchParams.has("report")) return reportAction(ctx, token, request);
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent === "upload" || intent === "remove") return fileAction(ctx, token, form, intent);
  const { input, rows } = readForm(
    form,
    link.proof.settlement.lines.map((l) => l.type),
  );
  const r = await formAction(ctx.t, () =>
    ctx.services.funding.proofs.file(ctx.tenant.id, token, parseInput(fileProofInput, input)),
  );
  if ("data" in r) {
    const errors = r.data.errors;
    const fields = Object.fromEntries(
      Object.entries(errors.fields).map(([k, v]) => [
        k.replace(/^receipts\.(\d+)\./, (_, n: string) => `receipts.${rows[Number(n)] ?? n}.`),
        v,
      ]),
    );
    return data(
      { ok: false as const, errors: { ...errors, fields }, intent: "file" },
      { ...r.init, headers: NO_STORE },
    );
  }
  return data({ ok: true as const, errors: undefined, intent: "file" }, { headers: NO_STORE });
}

export default function FundingProof({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { token = "" } = useParams();
  const c = loaderData.context;
  if (!c) {
    return (
      <>
        <h1>{t("funding.proof_title")}</h1>
        <Notice kind="warning">{t("funding.proof_unavailable")}</Notice>
      </>
    );
  }
  const p = c.proof;
  const errors = actionData && !actionData.ok && actionData.intent === "file" ? actionData.errors : undefined;
  const report = actionData && "again" in actionData ? actionData : undefined;
  const open = p.status === null || p.status === "submitted" || p.status === "more_requested";
  const late = loaderData.today > p.dueDate && p.status !== "more_requested";
  const typeOptions = p.settlement.lines.map((l) => ({ value: l.type, label: t(`funding.cost_${l.type}`) }));
  const receiptRows = [...p.receipts, ...Array.from({ length: RECEIPT_ROWS_EXTRA }, () => null)];
  return (
    <>
      <h1>{t("funding.proof_title")}</h1>
      <p>
        <strong>{c.title}</strong> – {c.organizationName} –{" "}
        {t("funding.proof_granted", { amount: formatMoney(c.grantedCents, lang) })}
      </p>
      <p>
        <Link to={`/${lang}/funding/apply/${token}`}>{t("funding.proof_back")}</Link>
      </p>
      {actionData?.ok && actionData.intent === "file" ? (
        <Notice kind="success">{t("funding.proof_filed")}</Notice>
      ) : null}
      {p.status ? <Notice kind="info">{t(`funding.proof_status_${p.status}`)}</Notice> : null}
      {p.message ? (
        <section aria-labelledby="proof-message">
          <h2 id="proof-message">{t("funding.proof_message")}</h2>
          <p className="prewrap">{p.message}</p>
        </section>
      ) : null}
      <SettlementTable settlement={p.settlement} deviationBp={p.deviationBp} />
      {loaderData.report ? (
        <ReportQuestionnaire
          action={`/${lang}/funding/apply/${token}/proof?report=1`}
          form={loaderData.report}
          submissionId={report?.submissionId ?? loaderData.submissionId}
          today={loaderData.surveyToday}
          filed={report?.ok === true}
          again={report?.again}
          errors={report?.errors}
        />
      ) : null}
      <ReceiptFiles files={loaderData.files} open={open} result={actionData} />
      {!open ? null : late ? (
        <Notice kind="warning">{t("funding.proof_late", { due: p.dueDate })}</Notice>
      ) : (
        <>
          <p>{t("funding.proof_intro", { due: p.dueDate })}</p>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate key={p.version}>
            <input type="hidden" name="version" value={p.version} />
            {p.reportFormId ? null : (
              <TextField
                name="report"
                label={t("funding.proof_report")}
                hint={t("funding.proof_report_hint")}
                multiline
                rows={8}
                defaultValue={p.report}
                errors={errors}
              />
            )}
            <TextField
              name="participants"
              label={t("funding.proof_participants")}
              inputMode="numeric"
              defaultValue={p.status ? p.participants : ""}
              errors={errors}
              dir="ltr"
            />
            <fieldset>
              <legend>{t("funding.proof_costs")}</legend>
              <p className="hint">{t("funding.proof_costs_hint", { percent: p.deviationBp / 100 })}</p>
              {p.settlement.lines.map((l, i) => {
                const type = t(`funding.cost_${l.type}`);
                const line = p.lines.find((x) => x.type === l.type);
                return (
                  <div key={l.type}>
                    <TextField
                      name={`lines.${i}.actual`}
                      label={t("funding.proof_actual", { type, planned: formatMoney(l.plannedCents, lang) })}
                      inputMode="decimal"
                      defaultValue={line ? moneyInput(line.actualCents) : ""}
                      errors={errors}
                      dir="ltr"
                    />
                    <TextField
                      name={`lines.${i}.reason`}
                      label={t("funding.proof_reason", { type })}
                      defaultValue={line?.reason ?? ""}
                      errors={errors}
                    />
                  </div>
                );
              })}
            </fieldset>
            <fieldset>
              <legend>{t("funding.proof_receipts")}</legend>
              <p className="hint">{t("funding.proof_receipts_hint")}</p>
              {receiptRows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: receipt rows have no id; the form posts them by position.
                <fieldset key={i} className="row-group">
                  <legend>{t("funding.proof_receipt_n", { n: i + 1 })}</legend>
                  <TextField
                    name={`receipts.${i}.date`}
                    type="date"
                    label={t("funding.proof_receipt_date")}
                    defaultValue={r?.date ?? ""}
                    errors={errors}
                  />
                  <TextField
                    name={`receipts.${i}.payee`}
                    label={t("funding.proof_receipt_payee")}
                    defaultValue={r?.payee ?? ""}
                    errors={errors}
                  />
                  <Select
                    name={`receipts.${i}.type`}
                    label={t("funding.col_cost_type")}
                    options={typeOptions}
                    defaultValue={r?.type ?? typeOptions[0]?.value}
                    errors={errors}
                  />
                  <TextField
                    name={`receipts.${i}.amount`}
                    label={t("funding.proof_receipt_amount")}
                    inputMode="decimal"
                    defaultValue={r ? moneyInput(r.amountCents) : ""}
                    errors={errors}
                    dir="ltr"
                  />
                </fieldset>
              ))}
            </fieldset>
            <button type="submit">{t("funding.proof_submit")}</button>
          </Form>
        </>
      )}
    </>
  );
}

/** Receipts as files: a plain multipart form (no JavaScript), the list with a remove button each. */
function ReceiptFiles(props: {
  files: { id: string; fileName: string; byteSize: number }[];
  open: boolean;
  result: { ok: boolean; errors?: unknown; intent: string } | undefined;
}) {
  const t = useT();
  const upload =
    props.result && (props.result.intent === "upload" || props.result.intent === "remove")
      ? props.result
      : undefined;
  const errors =
    upload && !upload.ok ? (upload.errors as Parameters<typeof ErrorSummary>[0]["errors"]) : undefined;
  return (
    <section aria-labelledby="receipt-files">
      <h2 id="receipt-files">{t("funding.proof_files_heading")}</h2>
      {upload?.ok ? <Notice kind="success">{t("funding.proof_files_uploaded")}</Notice> : null}
      {props.files.length === 0 ? (
        <p>{t("funding.proof_files_none")}</p>
      ) : (
        <ul>
          {props.files.map((f) => (
            <li key={f.id}>
              {t("funding.proof_files_size", { name: f.fileName, size: Math.ceil(f.byteSize / 1024) })}
              {props.open ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="fileId" value={f.id} />
                  <button type="submit">{t("funding.proof_files_remove", { name: f.fileName })}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.open ? (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="upload" />
            <FileField
              name="files"
              label={t("funding.proof_files_label")}
              hint={t("funding.proof_files_hint")}
              accept="application/pdf,image/jpeg,image/png"
              multiple
              errors={errors}
            />
            <button type="submit">{t("funding.proof_files_submit")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
