/**
 * A small RFC 4180 reader for the region spreadsheet (docs/scenarios.md): quoted fields with
 * commas, doubled quotes and line breaks, CRLF or LF line ends, a byte-order mark, and `#`
 * comment lines; cells separated by commas or, in a sheet whose header says so, by semicolons
 * (what Excel writes wherever the decimal mark is a comma, see `separatorOf`). Pure, so the same code checks a file in the browser, the worker and the CLI
 * (csv-parse is a dev dependency built for Node). The size is bounded before anything is
 * read, so a huge paste is refused with a reason instead of being parsed.
 */

/** Most characters a region file may hold: 64 cities of long names fit in a fraction of it. */
export const MAX_CSV_CHARS = 200_000;
/** Most characters in one cell: names are at most 80, lists of sectors a few dozen. */
export const MAX_CELL_CHARS = 400;

export interface CsvRecord {
  /** Line of the file where the record starts, from 1: the row number a spreadsheet shows. */
  row: number;
  cells: string[];
}

export interface CsvProblem {
  row: number;
  /** Column name, or "(file)" when the problem is the file as a whole. */
  column: string;
  code: 'too-large' | 'not-utf8' | 'mixed-separators' | 'unclosed-quote' | 'stray-quote' | 'cell-too-long';
  rule: string;
}

/**
 * What separates the cells. `;` also means the sheet's number cells may use a decimal comma
 * (numbers.ts): a spreadsheet writes `;` exactly when its decimal mark is a comma.
 */
export type CsvSeparator = ',' | ';';

export type CsvRead = { ok: true; records: CsvRecord[]; separator: CsvSeparator } | { ok: false; problem: CsvProblem };

/**
 * Records of the file, comment lines (`#` first on the line, outside quotes) and blank lines
 * left out. Cells are not trimmed here: the checker decides what whitespace means.
 */
export function readCsv(text: string): CsvRead {
  if (text.length > MAX_CSV_CHARS) {
    return {
      ok: false,
      problem: { row: 0, column: '(file)', code: 'too-large', rule: `is ${text.length} characters; a region file may hold at most ${MAX_CSV_CHARS} (one row per city)` },
    };
  }
  // CRLF (Windows), LF and a lone CR (old Mac spreadsheets) all end a line.
  const src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const saved = savedAs(src);
  if (saved) return { ok: false, problem: saved };
  const sep = separatorOf(src);
  if (typeof sep !== 'string') return { ok: false, problem: sep };
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const start = line;
    // A comment or blank line: skipped whole.
    if (src[i] === '#' || src[i] === '\n') {
      while (i < n && src[i] !== '\n') i++;
      i++;
      line++;
      continue;
    }
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let wasQuoted = false;
    for (;;) {
      if (i >= n) {
        if (quoted) return { ok: false, problem: { row: start, column: `column ${cells.length + 1}`, code: 'unclosed-quote', rule: 'opens a quote that is never closed' } };
        cells.push(cell);
        break;
      }
      const c = src[i]!;
      if (quoted) {
        if (c === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === '\n') line++;
          cell += c;
          i++;
        }
      } else if (c === '"') {
        // A quote opens a field only at its start; elsewhere it is a typing slip worth naming.
        if (cell.length > 0 || wasQuoted) {
          return { ok: false, problem: { row: line, column: `column ${cells.length + 1}`, code: 'stray-quote', rule: 'has a quote inside an unquoted field (quote the whole field and double the quote: "a ""b""")' } };
        }
        quoted = true;
        wasQuoted = true;
        i++;
      } else if (c === sep) {
        cells.push(cell);
        cell = '';
        wasQuoted = false;
        i++;
      } else if (c === '\n') {
        cells.push(cell);
        i++;
        line++;
        break;
      } else {
        if (wasQuoted) {
          return { ok: false, problem: { row: line, column: `column ${cells.length + 1}`, code: 'stray-quote', rule: 'has text after its closing quote' } };
        }
        cell += c;
        i++;
      }
      if (cell.length > MAX_CELL_CHARS) {
        return { ok: false, problem: { row: start, column: `column ${cells.length + 1}`, code: 'cell-too-long', rule: `is longer than ${MAX_CELL_CHARS} characters` } };
      }
    }
    // A row of empty cells (a spreadsheet's trailing ",,,," or ";;;;") is a blank line.
    if (cells.some((x) => x.trim() !== '')) records.push({ row: start, cells });
  }
  return { ok: true, records, separator: sep };
}

/** U+FFFD: what a browser (`File.text()`) or Node (`readFileSync(f, 'utf8')`) puts where a byte is not UTF-8. */
const UNREADABLE = '\ufffd';

/**
 * How the spreadsheet saved the file, when that is what went wrong, so the facilitator is told
 * the one thing to change instead of a misleading problem further on (found trying the host
 * setup as a new facilitator would, issue 14): not UTF-8. Excel's plain "CSV" is the system
 * code page (Windows-1252 in Spain, GBK in China), so Castellón or 瓦伦西亚 would arrive as
 * replacement characters and be stored as names, silently.
 */
function savedAs(src: string): CsvProblem | null {
  const bad = src.indexOf(UNREADABLE);
  if (bad >= 0) {
    const row = src.slice(0, bad).split('\n').length;
    return { row, column: '(file)', code: 'not-utf8', rule: 'is not saved as UTF-8 (a character here cannot be read, so names would be garbled); in the spreadsheet save it as "CSV UTF-8" (Excel) or choose the character set UTF-8 when saving (LibreOffice)' };
  }
  return null;
}

/**
 * The separator, read from the header (the first line that is not a comment or blank), outside
 * quotes. Excel writes the list separator of the system's language: `;` wherever the decimal
 * mark is a comma (Spain, France, Germany, most of Latin America), and it cannot be told
 * otherwise without changing system settings (issue 14). Every header names at least two
 * columns (a region sheet ten, a travel sheet an empty cell and the ids), and no column name or
 * city id holds `,` or `;`, so the header decides unambiguously:
 * - `;` and no `,`: semicolons (and decimal commas in number cells);
 * - both: refused, since either reading would turn a column name into nonsense and the row
 *   would go on to fail for a reason that hides the real one;
 * - otherwise: commas, exactly as before (a `;` further down, in a strengths list, is text).
 * A header that starts a quote it never closes is left to the reader, which names it.
 */
function separatorOf(src: string): CsvSeparator | CsvProblem {
  // Comment lines, and lines the reader skips as blank (spaces, or a row of empty cells, as a
  // spreadsheet writes an empty row: `;;;;` from Excel in Spanish). A file that has nothing
  // else has no header; it is then read with the separator its empty rows have, so they are
  // skipped as blank and the file is named for having no header.
  let i = 0;
  let row = 1;
  let emptySemis = false;
  for (;;) {
    const end = src.indexOf('\n', i);
    const line = src.slice(i, end < 0 ? src.length : end);
    if (!line.startsWith('#') && !/^[\s,]*$/.test(line) && !/^[\s;]*$/.test(line)) break;
    if (!line.startsWith('#') && line.includes(';')) emptySemis = true;
    if (end < 0) return emptySemis ? ';' : ',';
    i = end + 1;
    row++;
  }
  let quoted = false;
  let commas = 0;
  let semis = 0;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n') break;
    else if (c === ',') commas++;
    else if (c === ';') semis++;
  }
  if (semis > 0 && commas > 0) {
    return { row, column: '(file)', code: 'mixed-separators', rule: `separates the header's names with both , (${commas}) and ; (${semis}), so the cells cannot be told apart; use one separator throughout: commas (with points for decimals) or semicolons (with decimal commas, as Excel saves CSV in Spanish or French)` };
  }
  return semis > 0 ? ';' : ',';
}
