/** Reads a form field as a string ("" when missing or a file). */
export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}
