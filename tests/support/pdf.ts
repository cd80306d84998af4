/**
 * Just enough of a PDF reader for the print tests: the pages in order, and the document
 * outline Chromium writes from the page's headings (`page.pdf({ outline: true, tagged: true })`),
 * each entry with the page its heading sits on. The outline holds the headings' text as
 * Unicode strings, so a test reads a page's heading in any language without the fonts.
 * Chromium's PDFs (Skia) keep their dictionaries in plain objects, not object streams.
 */

export interface OutlineEntry {
  title: string;
  /** The page the heading is on, 0-based. */
  page: number;
  children: OutlineEntry[];
}

export interface PdfSummary {
  pages: number;
  outline: OutlineEntry[];
}

/** A PDF string: (literal) with escapes, or <hex>, UTF-16BE when it starts with a byte order mark. */
function pdfString(raw: string): string {
  let bytes: number[];
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  } else {
    bytes = [];
    const s = raw.slice(1, -1);
    const named: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const next = s[++i]!;
      const octal = /^[0-7]{1,3}/.exec(s.slice(i));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next in named) bytes.push(named[next]!);
      else if (next !== '\n') bytes.push(next.charCodeAt(0));
    }
  }
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xfe && buf[1] === 0xff) return buf.subarray(2).swap16().toString('utf16le');
  return buf.toString('latin1');
}

export function readPdf(pdf: Uint8Array): PdfSummary {
  // Streams hold binary data (page contents, fonts): out of the way before reading dictionaries.
  const text = Buffer.from(pdf).toString('latin1').replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream');
  if (text.includes('/ObjStm')) throw new Error('this reader does not read object streams');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const get = (n: number) => {
    const o = objects.get(n);
    if (o === undefined) throw new Error(`the PDF has no object ${n}`);
    return o;
  };
  const ref = (dict: string, key: string): number | null => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };

  const root = ref(/trailer[\s\S]*$/.exec(text)?.[0] ?? '', 'Root');
  if (root === null) throw new Error('the PDF has no trailer /Root');
  const catalog = get(root);

  // The page tree, in order.
  const pages: number[] = [];
  const walk = (n: number) => {
    const node = get(n);
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else pages.push(n);
  };
  walk(ref(catalog, 'Pages')!);

  const entries = (first: number | null): OutlineEntry[] => {
    const out: OutlineEntry[] = [];
    for (let n = first; n !== null; ) {
      const item = get(n);
      const title = /\/Title\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(item)?.[1];
      const dest = /\/D(?:est)?\s*\[\s*(\d+) 0 R/.exec(item)?.[1];
      out.push({ title: title ? pdfString(title) : '', page: dest ? pages.indexOf(Number(dest)) : -1, children: entries(ref(item, 'First')) });
      n = ref(item, 'Next');
    }
    return out;
  };
  const outlines = ref(catalog, 'Outlines');
  return { pages: pages.length, outline: outlines === null ? [] : entries(ref(get(outlines), 'First')) };
}
