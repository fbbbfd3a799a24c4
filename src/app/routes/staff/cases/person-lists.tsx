import type { Translate } from "#app/i18n/translator.ts";
import { CEFR_LEVELS } from "#app/modules/casework/model.ts";
import { useHydrated } from "../../../components/form/combobox.tsx";
import { type Option, Select } from "../../../components/form/index.ts";
import { useRepeatRows } from "../../../components/form/repeat.tsx";
import type { FormErrors } from "../../../server/guard.server.ts";

/** The CEFR level's label: "native" and "none" in words, A1 … C2 as they are known everywhere. */
export function levelLabel(t: Translate, level: string): string {
  if (level === "native") return t("cases.level_native");
  if (level === "none") return t("cases.level_none");
  return level;
}

/** Countries and languages named by the loader (`app/server/person-choices.server.ts`). */
export type PersonChoices = { countries: readonly Option[]; languages: readonly Option[] };

type ListProps = {
  /** Form name prefix of the person ("p0_", "pe_"). */
  prefix: string;
  /** Error path of the person with a trailing dot ("persons.0.") or "". */
  path: string;
  /** Element id prefix, unique on the page. */
  idBase: string;
  t: Translate;
  errors: FormErrors | undefined;
  choices: PersonChoices;
};

/**
 * A person's nationalities: one country field per row, countries named in the user's language
 * (decision 093). A native select (type-ahead by name): the kit's searchable combobox is held
 * back here until its hydrated listbox passes a browser test (it showed no options after typing
 * in one of two runs). The server renders the stored ones plus an empty row, so without
 * JavaScript a nationality is added in the empty row and removed by choosing "—". Once the page
 * runs, rows are added and removed in place.
 */
export function NationalityRows(props: ListProps & { values: readonly string[] }) {
  const { t, prefix, idBase } = props;
  const hydrated = useHydrated();
  const addId = `${idBase}nat-add`;
  const list = useRepeatRows([...props.values, ""], {
    blank: () => "",
    max: 5,
    focusId: (k) => `f-${idBase}nat-${k}`,
    afterRemove: addId,
  });
  return (
    <fieldset className="repeat">
      <legend>{t("cases.nationalities")}</legend>
      <p className="hint">{t("cases.nationalities_pick_hint")}</p>
      {list.rows.map((r, i) => (
        <div className="repeat-row" key={r.key}>
          <Select
            name={`${prefix}nationalities`}
            id={`f-${idBase}nat-${r.key}`}
            label={t("cases.nationality_n", { n: i + 1 })}
            errorPath={`${props.path}nationalities.${i}`}
            errors={props.errors}
            options={props.choices.countries}
            empty="—"
            defaultValue={r.value}
          />
          {hydrated ? (
            <button type="button" className="button-secondary" onClick={() => list.remove(r.key)}>
              {t("cases.nationality_remove", { n: i + 1 })}
            </button>
          ) : null}
        </div>
      ))}
      {hydrated && list.canAdd ? (
        <button type="button" className="button-secondary" id={addId} onClick={list.add}>
          {t("cases.nationality_add")}
        </button>
      ) : null}
    </fieldset>
  );
}

/** A person's languages: rows of a searchable language and its level, as the nationalities. */
export function LanguageRows(props: ListProps & { values: readonly { lang: string; level: string }[] }) {
  const { t, prefix, idBase } = props;
  const hydrated = useHydrated();
  const addId = `${idBase}lang-add`;
  const list = useRepeatRows([...props.values, { lang: "", level: "" }], {
    blank: () => ({ lang: "", level: "" }),
    max: 12,
    focusId: (k) => `f-${idBase}lang-${k}`,
    afterRemove: addId,
  });
  const levels = CEFR_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }));
  return (
    <fieldset className="repeat">
      <legend>{t("cases.languages")}</legend>
      <p className="hint">{t("cases.languages_pick_hint")}</p>
      {list.rows.map((r, i) => (
        <div className="repeat-row" key={r.key}>
          <Select
            name={`${prefix}lang`}
            id={`f-${idBase}lang-${r.key}`}
            label={t("cases.language_n", { n: i + 1 })}
            errorPath={`${props.path}languages.${i}.lang`}
            errors={props.errors}
            options={props.choices.languages}
            empty="—"
            defaultValue={r.value.lang}
          />
          <Select
            name={`${prefix}level`}
            id={`f-${idBase}level-${r.key}`}
            label={t("cases.language_level_n", { n: i + 1 })}
            errorPath={`${props.path}languages.${i}.level`}
            errors={props.errors}
            options={levels}
            empty="—"
            defaultValue={r.value.level}
          />
          {hydrated ? (
            <button type="button" className="button-secondary" onClick={() => list.remove(r.key)}>
              {t("cases.language_remove", { n: i + 1 })}
            </button>
          ) : null}
        </div>
      ))}
      {hydrated && list.canAdd ? (
        <button type="button" className="button-secondary" id={addId} onClick={list.add}>
          {t("cases.language_add")}
        </button>
      ) : null}
    </fieldset>
  );
}
