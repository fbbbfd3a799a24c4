import { Form } from "react-router";
import { type ErrorSource, ErrorSummary, TextField } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";

type Link = {
  position: number;
  role: string;
  name: string;
  phone: string | null;
  hasEmail: boolean;
  alertedText: string | null;
  acknowledgedText: string | null;
};

/** Who of the chain was alerted and acknowledged when; links without e-mail are to be called. */
export function CrisisChain({ chain }: { chain: readonly Link[] }) {
  const t = useT();
  const notYet = t("conflicts.crisis_not_yet");
  return (
    <section aria-labelledby="crisis-chain">
      <h2 id="crisis-chain">{t("conflicts.crisis_chain")}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.crisis_chain_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.plan_chain_position")}</th>
              <th scope="col">{t("conflicts.plan_role")}</th>
              <th scope="col">{t("conflicts.plan_contact_name")}</th>
              <th scope="col">{t("conflicts.plan_phone")}</th>
              <th scope="col">{t("conflicts.crisis_alerted")}</th>
              <th scope="col">{t("conflicts.crisis_acknowledged")}</th>
            </tr>
          </thead>
          <tbody>
            {chain.map((l) => (
              <tr key={l.position}>
                <td>{l.position}</td>
                <th scope="row">{l.role}</th>
                <td>{l.name}</td>
                <td dir="ltr">{l.phone ?? "—"}</td>
                <td>{l.alertedText ?? notYet}</td>
                <td>{l.hasEmail ? (l.acknowledgedText ?? notYet) : t("conflicts.crisis_no_email")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Check = { position: number; step: string; doneText: string | null; doneBy: string | null };

/** The live checklist: each step ticked once, with who and when; works without JavaScript. */
export function CrisisChecklist(props: { checks: readonly Check[]; active: boolean; errors: ErrorSource }) {
  const t = useT();
  return (
    <section aria-labelledby="crisis-checklist">
      <h2 id="crisis-checklist">{t("conflicts.crisis_checklist")}</h2>
      <ErrorSummary errors={props.errors} />
      <ol>
        {props.checks.map((c) => (
          <li key={c.position}>
            {c.step}
            {c.doneText ? (
              <> — {t("conflicts.crisis_done_by", { date: c.doneText, by: c.doneBy ?? "—" })}</>
            ) : props.active ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="tick" />
                <input type="hidden" name="position" value={c.position} />
                <button type="submit">{t("conflicts.crisis_tick", { step: c.step })}</button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

type Entry = { at: string; atText: string | null; kind: string; actor: string | null; text: string | null };

/** The append-only log and, while the crisis is active, the form for an entry. */
export function CrisisLog(props: { log: readonly Entry[]; active: boolean; errors: ErrorSource }) {
  const t = useT();
  return (
    <section aria-labelledby="crisis-log">
      <h2 id="crisis-log">{t("conflicts.crisis_log")}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.crisis_log_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.crisis_log_at")}</th>
              <th scope="col">{t("conflicts.crisis_kind")}</th>
              <th scope="col">{t("conflicts.crisis_log_by")}</th>
              <th scope="col">{t("conflicts.crisis_log_text")}</th>
            </tr>
          </thead>
          <tbody>
            {props.log.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the log is append-only, the position is stable
              <tr key={`${i}-${l.at}`}>
                <td>{l.atText}</td>
                <td>{t(`conflicts.crisis_log_kind_${l.kind}`)}</td>
                <td>{l.actor ?? "—"}</td>
                <td dir="auto">{l.text ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.active ? (
        <>
          <ErrorSummary errors={props.errors} />
          <Form method="post" className="stack no-print" noValidate>
            <input type="hidden" name="intent" value="note" />
            <TextField
              name="text"
              multiline
              rows={3}
              label={t("conflicts.crisis_note")}
              required
              errors={props.errors}
            />
            <p>
              <button type="submit">{t("conflicts.crisis_note_save")}</button>
            </p>
          </Form>
        </>
      ) : null}
    </section>
  );
}

type CloseValues = { worked: string; change: string; measures: { title: string; responsible: string }[] };

/** Closing asks for the debrief; up to two lessons become prevention-plan measures at once. */
export function CrisisClose(props: {
  version: number;
  values: CloseValues | undefined;
  errors: ErrorSource;
}) {
  const t = useT();
  const v = props.values;
  const rows = [0, 1].map((i) => v?.measures[i] ?? null);
  return (
    <section aria-labelledby="crisis-close" className="no-print">
      <h2 id="crisis-close">{t("conflicts.crisis_close_title")}</h2>
      <ErrorSummary errors={props.errors} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="close" />
        <input type="hidden" name="version" value={props.version} />
        <TextField
          name="worked"
          multiline
          rows={3}
          label={t("conflicts.crisis_worked")}
          required
          defaultValue={v?.worked}
          errors={props.errors}
        />
        <TextField
          name="change"
          multiline
          rows={3}
          label={t("conflicts.crisis_change")}
          required
          defaultValue={v?.change}
          errors={props.errors}
        />
        {rows.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the form row
          <fieldset key={i}>
            <legend>{t("conflicts.crisis_measure_n", { n: i + 1 })}</legend>
            <TextField
              name={`measures.${i}.title`}
              label={t("conflicts.crisis_measure_title")}
              defaultValue={m?.title}
              errors={props.errors}
            />
            <TextField
              name={`measures.${i}.responsible`}
              label={t("conflicts.crisis_measure_responsible")}
              defaultValue={m?.responsible}
              errors={props.errors}
            />
          </fieldset>
        ))}
        <p>
          <button type="submit">{t("conflicts.crisis_close")}</button>
        </p>
      </Form>
    </section>
  );
}

type Statement = { lang: string; name: string; dir: "ltr" | "rtl"; text: string; source: "plan" | "catalog" };

/** The public statement in every UI language, filled from the crisis, to copy and adapt. */
export function CrisisStatements({ statements }: { statements: readonly Statement[] }) {
  const t = useT();
  return (
    <section aria-labelledby="crisis-statements">
      <h2 id="crisis-statements">{t("conflicts.crisis_statements")}</h2>
      <p>{t("conflicts.crisis_statements_hint")}</p>
      {statements.map((s) => (
        <details key={s.lang}>
          <summary>
            <span lang={s.lang} dir={s.dir}>
              {s.name}
            </span>{" "}
            (
            {t(s.source === "plan" ? "conflicts.crisis_statement_own" : "conflicts.crisis_statement_catalog")}
            )
          </summary>
          <div lang={s.lang} dir={s.dir}>
            {s.text.split("\n\n").map((para) => (
              <p key={para}>{para}</p>
            ))}
          </div>
        </details>
      ))}
    </section>
  );
}
