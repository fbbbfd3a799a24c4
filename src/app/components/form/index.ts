// The one form kit (decision 029). The combobox lives in ./combobox.tsx and is imported from
// there, so pages that do not use it never load React Aria.
export { Checkbox, CheckboxGroup, RadioGroup } from "./choices.tsx";
export { type ErrorItem, ErrorSummary } from "./error-summary.tsx";
export {
  type ErrorSource,
  errorsUnder,
  type FieldErrors,
  fieldErrors,
  fieldId,
  findError,
} from "./errors.ts";
export { DateField, type FieldBase, FieldShell, FileField, resolveField, TextField } from "./field.tsx";
export { formString } from "./form-data.ts";
export { Notice } from "./notice.tsx";
export { type Option, type OptionGroup, Select, type SelectProps } from "./select.tsx";
