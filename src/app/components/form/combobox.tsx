import { type Key, useSyncExternalStore } from "react";
import {
  ComboBox as AriaComboBox,
  Button,
  FieldError,
  Header,
  I18nProvider,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  ListBoxSection,
  Popover,
  Text,
  useFilter,
} from "react-aria-components";
import { useLang, useT } from "../../i18n.tsx";
import { classes, resolveField } from "./field.tsx";
import { type Option, Select, type SelectProps } from "./select.tsx";

const noop = () => () => {};

/** False while the server renders and the page hydrates, true once the browser runs the page. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

function Item({ option }: { option: Option }) {
  return (
    <ListBoxItem
      id={option.value}
      textValue={option.label}
      isDisabled={option.disabled}
      className="combobox-option"
    >
      <span lang={option.lang}>{option.label}</span>
    </ListBoxItem>
  );
}

/**
 * A select with search for long lists (countries, languages, offices, organizations, staff).
 * The server renders the native `Select`, so the field works and posts without JavaScript; once
 * the page runs in the browser, React Aria's combobox takes its place and posts the same name
 * and value through its hidden input (decision 029).
 */
export function ComboBox(props: SelectProps & { placeholder?: string | undefined }) {
  const hydrated = useHydrated();
  const t = useT();
  const lang = useLang();
  const { contains } = useFilter({ sensitivity: "base" });
  if (!hydrated) return <Select {...props} />;
  const f = resolveField(props);
  const onChange = props.onChange;
  const selection = onChange
    ? {
        selectedKey: props.value ? props.value : null,
        onSelectionChange: (key: Key | null) => onChange(key === null ? "" : String(key)),
      }
    : {
        defaultSelectedKey:
          props.defaultValue != null && props.defaultValue !== "" ? String(props.defaultValue) : null,
      };
  return (
    <I18nProvider locale={lang}>
      <div id={f.anchor}>
        <AriaComboBox
          {...selection}
          id={f.id}
          name={props.name}
          formValue="key"
          menuTrigger="focus"
          isRequired={props.required}
          isDisabled={props.disabled}
          isInvalid={f.error !== undefined}
          validationBehavior="aria"
          defaultFilter={contains}
          className={classes("field combobox", props.className, f.error && "field-invalid")}
        >
          <Label>{props.label}</Label>
          {props.hint ? (
            <Text slot="description" className="hint">
              {props.hint}
            </Text>
          ) : null}
          <div className="combobox-control">
            <Input placeholder={props.placeholder} />
            <Button className="combobox-button" aria-label={t("common.form_show_options")}>
              <span aria-hidden="true">▾</span>
            </Button>
          </div>
          <FieldError className="field-error">{f.error}</FieldError>
          <Popover className="combobox-popover" placement="bottom start">
            <ListBox
              className="combobox-list"
              renderEmptyState={() => <p className="combobox-empty">{t("common.form_no_matches")}</p>}
            >
              {(props.options ?? []).map((o) => (
                <Item key={o.value} option={o} />
              ))}
              {(props.groups ?? []).map((g) =>
                g.options.length ? (
                  <ListBoxSection key={g.label} id={g.label} className="combobox-section">
                    <Header>{g.label}</Header>
                    {g.options.map((o) => (
                      <Item key={o.value} option={o} />
                    ))}
                  </ListBoxSection>
                ) : null,
              )}
            </ListBox>
          </Popover>
        </AriaComboBox>
      </div>
    </I18nProvider>
  );
}
