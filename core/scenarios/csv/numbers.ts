/**
 * Number cells as spreadsheets write them (docs/scenarios.md "The sheet"): plain decimals, no
 * thousands separators or units. The decimal mark follows the separator, because a spreadsheet
 * chooses both from the system's language: a comma-separated sheet has a point (`1238.5`); a
 * semicolon-separated one, saved by Excel in Spanish, French or German, a comma (`1238,5`).
 * Only one mark is taken per sheet, so `1.238` in a semicolon sheet (a Spanish thousands
 * separator) or `1,238` in a quoted cell of a comma sheet is refused, never read as a
 * thousand times more or less.
 */
import type { CsvSeparator } from './parse';

/** With a decimal point: what a comma-separated sheet holds. */
const POINT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** With a decimal comma: what a semicolon-separated sheet holds. */
const COMMA = /^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$/;

/** The cell's value, or undefined when it is not a plain number in the sheet's notation. */
export function plainNumber(raw: string, separator: CsvSeparator): number | undefined {
  if (separator === ',') return POINT.test(raw) ? Number(raw) : undefined;
  return COMMA.test(raw) ? Number(raw.replace(',', '.')) : undefined;
}

/** How the rule for a number reads, in the sheet's notation. */
export function numberExample(separator: CsvSeparator): string {
  return separator === ',' ? 'a plain number such as 1234.5' : 'a plain number with a decimal comma such as 1234,5 (this sheet separates its cells with ;)';
}
