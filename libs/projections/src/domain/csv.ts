/**
 * RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; records end in CRLF.
 * Text a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is prefixed with an
 * apostrophe: a decision log opened in Excel for a committee must not execute what a user typed.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
