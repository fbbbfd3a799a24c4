/**
 * CSV as Excel in Germany opens it: ";" as separator, UTF-8 with BOM, CRLF. A text cell that a
 * spreadsheet would run as a formula (=, +, -, @ at the start) gets a leading ' — numbers such as
 * "-3,2" stay numbers.
 */
export function csvDocument(lines: readonly (readonly string[])[]): string {
  const cell = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(?:[.,]\d+)*$/.test(s) ? `'${s}` : s;
    return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `\uFEFF${lines.map((l) => l.map(cell).join(";")).join("\r\n")}\r\n`;
}
