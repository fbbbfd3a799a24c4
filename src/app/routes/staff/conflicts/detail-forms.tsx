import { Form } from "react-router";
import type { ConflictView } from "#app/modules/conflicts/contracts.ts";
import { LOG_KINDS, OUTCOMES, SEVERITIES, URGENCIES } from "#app/modules/conflicts/model.ts";
import {
  DateField,
  type ErrorSource,
  ErrorSummary,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";

type Person = { id: string; displayName: string };

/** The contact point's forms on a conflict: take, triage, state, log, escalation. */
export function ConflictWork(props: {
  conflict: Pick<
    ConflictView,
    "version" | "state" | "severity" | "urgency" | "handlerUserId" | "nextStates" | "escalated"
  >;
  handlers: readonly Person[];
  mediators: { staff: readonly Person[]; volunteers: readonly Person[] };
  bodies: readonly { id: string; name: string }[];
  me: string;
  intent: string | null;
  errors: ErrorSource;
}) {
  const t = useT();
  const c = props.conflict;
  const errorsFor = (intent: string) => (props.intent === intent ? props.errors : undefined);
  if (c.state === "closed") return <p>{t("conflicts.no_transitions")}</p>;
  const version = <input type="hidden" name="version" value={c.version} />;
  return (
    <>
      {c.handlerUserId !== props.me ? (
        <Form method="post">
          <input type="hidden" name="intent" value="take" />
          {version}
          <p>
            <button type="submit">{t("conflicts.take")}</button>
          </p>
        </Form>
      ) : null}

      <section aria-labelledby="conflict-triage">
        <h2 id="conflict-triage">{t("conflicts.triage_title")}</h2>
        <ErrorSummary errors={errorsFor("triage")} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="triage" />
          {version}
          <Select
            name="severity"
            label={t("conflicts.severity")}
            options={SEVERITIES.map((s) => ({ value: s, label: t(`conflicts.severity_${s}`) }))}
            defaultValue={c.severity ?? "medium"}
            errors={errorsFor("triage")}
          />
          <Select
            name="urgency"
            label={t("conflicts.urgency")}
            options={URGENCIES.map((u) => ({ value: u, label: t(`conflicts.urgency_${u}`) }))}
            defaultValue={c.urgency}
            errors={errorsFor("triage")}
          />
          <Select
            name="handlerUserId"
            label={t("conflicts.handler")}
            options={props.handlers.map((h) => ({ value: h.id, label: h.displayName }))}
            defaultValue={c.handlerUserId ?? props.me}
            errors={errorsFor("triage")}
          />
          <p>
            <button type="submit">{t("conflicts.triage_submit")}</button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="conflict-state">
        <h2 id="conflict-state">{t("conflicts.transition_title")}</h2>
        <ErrorSummary errors={errorsFor("transition")} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="transition" />
          {version}
          <Select
            name="to"
            label={t("conflicts.transition_to")}
            options={c.nextStates.map((s) => ({ value: s, label: t(`conflicts.state_${s}`) }))}
            errors={errorsFor("transition")}
          />
          <Select
            name="outcome"
            label={t("conflicts.outcome")}
            empty="—"
            options={OUTCOMES.map((o) => ({ value: o, label: t(`conflicts.outcome_${o}`) }))}
            errors={errorsFor("transition")}
          />
          <p>
            <button type="submit">{t("conflicts.transition_submit")}</button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="conflict-log-new">
        <h2 id="conflict-log-new">{t("conflicts.log_submit")}</h2>
        <ErrorSummary errors={errorsFor("log")} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="log" />
          <Select
            name="kind"
            label={t("conflicts.log_kind")}
            options={LOG_KINDS.map((k) => ({ value: k, label: t(`conflicts.log_kind_${k}`) }))}
            defaultValue="contact"
            errors={errorsFor("log")}
          />
          <TextField
            name="text"
            multiline
            rows={3}
            required
            maxLength={4000}
            label={t("conflicts.log_text")}
            errors={errorsFor("log")}
          />
          <DateField name="happenedOn" label={t("conflicts.log_happened_on")} errors={errorsFor("log")} />
          <DateField name="reviewOn" label={t("conflicts.log_review_on")} errors={errorsFor("log")} />
          <Select
            name="mediatorUserId"
            label={t("conflicts.log_mediator")}
            empty={t("conflicts.log_no_mediator")}
            options={props.mediators.staff.map((m) => ({ value: m.id, label: m.displayName }))}
            errors={errorsFor("log")}
          />
          <Select
            name="mediatorVolunteerId"
            label={t("conflicts.log_mediator_volunteer")}
            hint={t("conflicts.log_mediator_volunteer_hint")}
            empty={t("conflicts.log_no_mediator")}
            options={props.mediators.volunteers.map((m) => ({ value: m.id, label: m.displayName }))}
            errors={errorsFor("log")}
          />
          <p>
            <button type="submit">{t("conflicts.log_submit")}</button>
          </p>
        </Form>
      </section>

      {!c.escalated ? (
        <section aria-labelledby="conflict-escalate">
          <h2 id="conflict-escalate">{t("conflicts.escalate_title")}</h2>
          <ErrorSummary errors={errorsFor("escalate")} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="escalate" />
            {version}
            <TextField
              name="reason"
              multiline
              rows={3}
              required
              maxLength={1000}
              label={t("conflicts.escalate_reason")}
              hint={t("conflicts.escalate_hint")}
              errors={errorsFor("escalate")}
            />
            {props.bodies.length ? (
              <Select
                name="bodyId"
                label={t("conflicts.escalate_body")}
                hint={t("conflicts.escalate_body_hint")}
                empty={t("conflicts.escalate_no_body")}
                options={props.bodies.map((b) => ({ value: b.id, label: b.name }))}
                errors={errorsFor("escalate")}
              />
            ) : null}
            <p>
              <button type="submit">{t("conflicts.escalate_submit")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
