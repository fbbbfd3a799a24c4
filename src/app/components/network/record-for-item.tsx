import { Form } from "react-router";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, ErrorSummary, TextField } from "../form/index.ts";

/**
 * What the secretary records for one agenda item during the meeting: a decision (text, votes,
 * measure) and an action item (owner, due date, measure). Each form names its intent, the item
 * and the version of the meeting it read.
 */
export function RecordForItem(props: {
  item: { id: string; number: string };
  version: number;
  errorsFor: (intent: string, item: string) => ErrorSource | undefined;
}) {
  const t = useT();
  const a = props.item;
  const errorsFor = props.errorsFor;
  const v = <input type="hidden" name="version" value={props.version} />;
  return (
    <details>
      <summary>{t("network.record_for", { number: a.number })}</summary>
      <Form method="post" className="stack" noValidate key={`d-${a.id}-${props.version}`}>
        <h4 id={`dec-${a.id}`}>{t("network.new_decision")}</h4>
        <ErrorSummary errors={errorsFor("decision", a.id)} />
        <input type="hidden" name="intent" value="decision" />
        <input type="hidden" name="agendaItemId" value={a.id} />
        {v}
        <TextField
          id={`dec-text-${a.id}`}
          name="text"
          multiline
          label={t("network.decision_text")}
          required
          errors={errorsFor("decision", a.id)}
        />
        <TextField
          id={`dec-yes-${a.id}`}
          name="votesYes"
          type="number"
          min={0}
          label={t("network.votes_yes")}
          errors={errorsFor("decision", a.id)}
        />
        <TextField
          id={`dec-no-${a.id}`}
          name="votesNo"
          type="number"
          min={0}
          label={t("network.votes_no")}
          errors={errorsFor("decision", a.id)}
        />
        <TextField
          id={`dec-abs-${a.id}`}
          name="votesAbstain"
          type="number"
          min={0}
          label={t("network.votes_abstain")}
          errors={errorsFor("decision", a.id)}
        />
        <TextField
          id={`dec-measure-${a.id}`}
          name="measureId"
          dir="ltr"
          label={t("network.measure")}
          hint={t("network.measure_hint")}
          errors={errorsFor("decision", a.id)}
        />
        <p>
          <button type="submit">{t("network.record_decision")}</button>
        </p>
      </Form>
      <Form method="post" className="stack" noValidate key={`a-${a.id}-${props.version}`}>
        <h4>{t("network.new_action_item")}</h4>
        <ErrorSummary errors={errorsFor("action", a.id)} />
        <input type="hidden" name="intent" value="action" />
        <input type="hidden" name="agendaItemId" value={a.id} />
        {v}
        <TextField
          id={`act-title-${a.id}`}
          name="title"
          label={t("network.action_title")}
          required
          errors={errorsFor("action", a.id)}
        />
        <TextField
          id={`act-owner-${a.id}`}
          name="owner"
          label={t("network.owner")}
          required
          errors={errorsFor("action", a.id)}
        />
        <TextField
          id={`act-due-${a.id}`}
          name="dueDate"
          type="date"
          label={t("network.due_date")}
          errors={errorsFor("action", a.id)}
        />
        <TextField
          id={`act-measure-${a.id}`}
          name="measureId"
          dir="ltr"
          label={t("network.measure")}
          hint={t("network.measure_hint")}
          errors={errorsFor("action", a.id)}
        />
        <p>
          <button type="submit">{t("network.record_action_item")}</button>
        </p>
      </Form>
    </details>
  );
}
