/**
 * The template a facilitator fills in: `#` lines explaining every column (from columns.ts),
 * the header, and four example rows to overwrite. The examples are cities of the built-in
 * Zhejiang scenario, with its approximate 2022 figures, so the template as printed is a
 * valid region that plays.
 */
import { COLUMNS, MAX_CITIES, MIN_CITIES } from './columns';

const EXAMPLES = [
  'hangzhou,Hangzhou,杭州,Hangzhou,18753,1238,30.27,120.16,core,digital-economy;life-health;new-materials,,,,,,,,,,,,approx. 2022 figures',
  'ningbo,Ningbo,宁波,Ningbo,15704,962,29.87,121.55,second-core,smart-manufacturing;new-materials;chemicals,,,,,,,,,,,,',
  'quzhou,Quzhou,衢州,Quzhou,2003,229,28.97,118.87,periphery,smart-manufacturing;chemicals;life-health,,,,,,,,,,,,park in Hangzhou since 2016',
  'lishui,Lishui,丽水,Lishui,1830,251,28.45,119.92,periphery,smart-manufacturing,,,,,,,,,,,,',
];

export function templateCsv(): string {
  const lines = [
    '# Enclave: bring your own region. One row per city, the first line without # names the columns.',
    `# ${MIN_CITIES} to ${MAX_CITIES} cities. Lines starting with # are comments. Save as CSV (UTF-8).`,
    '# Type values, not formulas. Leave an optional cell empty to have it derived (docs/scenarios.md).',
    '# The four example rows are approximate 2022 figures for Zhejiang cities: replace them with yours.',
    '#',
    ...COLUMNS.map((c) => {
      const unit = c.unit ? ` [${c.unit}]` : '';
      const range = c.min !== undefined ? ` ${c.min} to ${c.max}.` : '';
      const need = c.required ? (c.fallback ? `required column; an empty cell: ${c.fallback}` : 'required') : `optional; empty: ${c.fallback}`;
      return `# ${c.name} (${need}): ${c.meaning}${unit}.${range}${c.where ? ` Where: ${c.where}.` : ''}`;
    }),
    COLUMNS.map((c) => c.name).join(','),
    ...EXAMPLES,
  ];
  return lines.join('\r\n') + '\r\n';
}
