/**
 * Building blocks of the directory's staff editors. The editor keeps the entry as one object in
 * React state and sends it as JSON (hidden field "payload"); the server validates it and answers
 * with per-field errors keyed by their path (e.g. "openingHours.weekly.1.0.closes"), which each
 * input shows beside itself. The larger blocks live in `directory-editor/` (hours, contacts,
 * recurrence, point picker) and are re-exported here.
 */

export { ContactsEditor } from "./directory-editor/contacts.tsx";
export { HoursEditor } from "./directory-editor/hours.tsx";
export { PointPicker } from "./directory-editor/point-picker.tsx";
export { buildRule, parseRule, RruleBuilder } from "./directory-editor/recurrence.tsx";
export {
  type Errors,
  formatDate,
  type Json,
  LanguagesField,
  numberOrText,
  useLanguageOptions,
} from "./directory-editor/shared.tsx";
