import { string as quotedString } from '@json2csv/formatters';
import { Parser } from '@json2csv/plainjs';

// OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|…).
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain signed number is not a formula worth defusing and must stay a number.
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
// RFC 4180: fields holding a quote, the separator or a line break are quoted (quotes doubled).
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Makes a cell inert in spreadsheets by prefixing a single quote when it starts like a formula, as OWASP
 * recommends; the quote shows in the cell, so the original text stays readable. Plain numbers pass unchanged.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

const quote = quotedString({ quote: '"', escapedQuote: '""' });
const safeCell = (value: string): string => {
  const neutral = neutralizeFormula(value);
  return NEEDS_QUOTES.test(neutral) ? quote(neutral) : neutral;
};

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<T> {
  label: string;
  value: (row: T) => CsvValue;
}

/**
 * RFC 4180 CSV (CRLF line ends, a header row, quotes only where needed) in UTF-8 text, every string cell
 * neutralised against formula injection. Null and undefined are empty cells. Numbers are written as given: money
 * is passed in as decimal strings, never as floats.
 */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const parser = new Parser<T, T>({
    fields: columns.map((column) => ({ label: column.label, value: (row: T) => column.value(row) ?? undefined })),
    defaultValue: '',
    eol: '\r\n',
    includeEmptyRows: true,
    formatters: { header: safeCell, string: safeCell },
  });
  return `${parser.parse([...rows])}\r\n`;
}
