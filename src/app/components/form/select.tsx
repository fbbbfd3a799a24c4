import { type FieldBase, FieldShell, resolveField } from "./field.tsx";

export type Option = {
  value: string;
  label: string;
  lang?: string | undefined;
  disabled?: boolean;
  /** Kept in the form but not shown (a choice a cascading filter leaves out); radio and checkbox groups only. */
  hidden?: boolean | undefined;
};
export type OptionGroup = { label: string; options: readonly Option[] };

export type SelectProps = FieldBase & {
  options?: readonly Option[];
  /** Options under headings (rendered after `options`); empty groups are left out. */
  groups?: readonly OptionGroup[];
  /** Label of an empty first option ("— choose —"); none when omitted. */
  empty?: string | undefined;
  value?: string | null | undefined;
  onChange?: (value: string) => void;
  defaultValue?: string | number | null | undefined;
};

function OptionList({ options }: { options: readonly Option[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value} lang={o.lang} disabled={o.disabled}>
      {o.label}
    </option>
  ));
}

/** A native select: it posts without JavaScript and every platform knows how to operate it. */
export function Select(props: SelectProps) {
  const f = resolveField(props);
  const onChange = props.onChange;
  const valueProps = onChange
    ? { value: props.value ?? "", onChange: (e: { target: { value: string } }) => onChange(e.target.value) }
    : { defaultValue: props.defaultValue === null ? "" : String(props.defaultValue ?? props.value ?? "") };
  return (
    <FieldShell field={f} label={props.label} hint={props.hint} className={props.className}>
      <select
        id={f.id}
        name={props.name}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
        {...valueProps}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        <OptionList options={props.options ?? []} />
        {(props.groups ?? []).map((g) =>
          g.options.length ? (
            <optgroup key={g.label} label={g.label}>
              <OptionList options={g.options} />
            </optgroup>
          ) : null,
        )}
      </select>
    </FieldShell>
  );
}
