/**
 * A small RFC 4180 reader for the region spreadsheet (docs/scenarios.md): quoted fields with
 * commas, doubled quotes and line breaks, CRLF or LF line ends, a byte-order mark, and `#`
 * comment lines. Pure, so the same code checks a file in the browser, the worker and the CLI
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
  code: 'too-large' | 'not-utf8' | 'semicolons' | 'unclosed-quote' | 'stray-quote' | 'cell-too-long';
  rule: string;
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; problem: CsvProblem };

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
      } else if (c === ',') {
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
    // A row of empty cells (a spreadsheet's trailing ",,,,") is a blank line.
    if (cells.some((x) => x.trim() !== '')) records.push({ row: start, cells });
  }
  return { ok: true, records };
}

/** U+FFFD: what a browser (`File.text()`) or Node (`readFileSync(f, 'utf8')`) puts where a byte is not UTF-8. */
const UNREADABLE = '\ufffd';

/**
 * How the spreadsheet saved the file, when that is what went wrong, so the facilitator is told
 * the one thing to change instead of a misleading problem further on (found trying the host
 * setup as a new facilitator would, issue 14):
 * - not UTF-8: Excel's plain "CSV" is the system code page (Windows-1252 in Spain, GBK in
 *   China), so Castellón or 瓦伦西亚 would arrive as replacement characters and be stored as
 *   names, silently;
 * - `;` between cells: Excel writes the list separator of the system's language, `;` wherever
 *   the decimal mark is a comma (Spain, most of Europe and Latin America), and the row would be
 *   one cell or stop at a quote. Only the first line that is not a comment is looked at: every
 *   valid region or travel sheet has commas there, so a file that has none but has `;` was
 *   saved with semicolons.
 */
function savedAs(src: string): CsvProblem | null {
  const bad = src.indexOf(UNREADABLE);
  if (bad >= 0) {
    const row = src.slice(0, bad).split('\n').length;
    return { row, column: '(file)', code: 'not-utf8', rule: 'is not saved as UTF-8 (a character here cannot be read, so names would be garbled); in the spreadsheet save it as "CSV UTF-8" (Excel) or choose the character set UTF-8 when saving (LibreOffice)' };
  }
  const lines = src.split('\n');
  const k = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  if (k >= 0 && lines[k]!.includes(';') && !lines[k]!.includes(',')) {
    return { row: k + 1, column: '(file)', code: 'semicolons', rule: 'separates its cells with ; instead of commas (a spreadsheet set to a language that writes decimal commas saves CSV this way); save it with commas between cells and points for decimals (LibreOffice asks when saving; Google Sheets always does), or set the system list separator to , before saving from Excel' };
  }
  return null;
}
