import type { Dispatch, SetStateAction } from "react";
import type { Errors, Json } from "../directory-editor.tsx";

/** What every entity type's fields get from the entry editor. */
export type EntryFieldsProps = {
  form: Json;
  setForm: Dispatch<SetStateAction<Json>>;
  errors: Errors | undefined;
  /** The organisation choices, with the type's empty choice first. */
  orgOptions: { value: string; label: string }[];
  choices: { places: { id: string; name: string }[]; offers: { id: string; name: string }[] };
  styleUrl: string | null;
};

/** A setter per key and a key's text, over the editor's state. */
export function fieldHelpers(form: Json, setForm: Dispatch<SetStateAction<Json>>) {
  return {
    set: (k: string) => (v: unknown) => setForm((f) => ({ ...f, [k]: v })),
    str: (k: string) => (form[k] as string | null | undefined) ?? "",
  };
}
