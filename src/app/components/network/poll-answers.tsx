import type { Translate } from "#app/i18n/translator.ts";
import { POLL_ANSWERS, type PollAnswer } from "#app/modules/network/model.ts";
import type { ErrorSource } from "../form/errors.ts";
import { RadioGroup } from "../form/index.ts";

/**
 * The answer fields of a date poll (decision 126): one group of radios yes / maybe / no per
 * proposed date, posted as `answers.<option id>`. Shared by the secretary's page and the
 * member's own page; works without JavaScript.
 */
export function PollAnswerFields(props: {
  t: Translate;
  options: readonly { id: string; label: string }[];
  answers?: Readonly<Record<string, PollAnswer>> | undefined;
  errors?: ErrorSource;
}) {
  const { t } = props;
  const choices = POLL_ANSWERS.map((a) => ({ value: a, label: t(`network.poll_answer_${a}`) }));
  return (
    <>
      {props.options.map((o) => (
        <RadioGroup
          key={o.id}
          name={`answers.${o.id}`}
          legend={o.label}
          options={choices}
          defaultValue={props.answers?.[o.id] ?? null}
          errors={props.errors}
        />
      ))}
    </>
  );
}

/** `answers.<option id>` fields of a posted form → the answers the contract reads. */
export function answersFrom(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (k.startsWith("answers.") && typeof v === "string" && v) out[k.slice(8)] = v;
  return out;
}
