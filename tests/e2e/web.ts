/**
 * Helpers for the browser tests of the client: a person's language and stored tokens, a
 * check that a page shows no untranslated text, and an axe-core accessibility pass.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

export type Lang = 'en' | 'zh' | 'es';

/** Things this device remembers before any page loads (language, tokens). */
export async function remember(context: BrowserContext, entries: Record<string, string>): Promise<void> {
  // In-page code is text: the tests are type-checked without the DOM's types.
  await context.addInitScript(`for (const [k, v] of Object.entries(${JSON.stringify(entries)})) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);`);
}

/**
 * Text a reader sees (and hears: labels, placeholders, alt texts) that is not in the page's
 * language. Skipped: what people typed, what the server wrote in English (marked lang="en"),
 * codes. Chinese pages must hold no English word; Spanish pages no common English word; no
 * page may show a missing translation's ⟦marker⟧.
 */
export async function untranslated(page: Page, lang: Lang): Promise<string[]> {
  return page.evaluate(`(${UNTRANSLATED})(${JSON.stringify(lang)})`);
}

const UNTRANSLATED = String.raw`(lang) => {
  // Skipped: text marked as another language (the server's English, a language's own name), typed text, code.
  const skip = (el) => {
    if (!el || el.closest('[data-i18n-skip], script, style, code, noscript')) return true;
    const marked = el.closest('[lang]');
    return !!marked && marked !== document.documentElement && !marked.getAttribute('lang').startsWith(lang);
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!skip(n.parentElement) && n.textContent.trim()) texts.push(n.textContent.trim());
  }
  for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
      const v = el.getAttribute(a);
      if (v) texts.push(v);
    }
  }
  const allowed = new Set(['Enclave', 'Gini', 'Lorenz', 'JSON', 'CSV', 'csv', 'json', 'docs', 'data']);
  const bad = [];
  for (const t of texts) {
    if (t.includes('⟦')) bad.push(t);
    else if (lang === 'zh') {
      const words = (t.replace(/https?:\/\/\S+/g, '').replace(/\b[23456789A-HJ-NP-Z]{6}\b/g, '').match(/[A-Za-z]{4,}/g) || []).filter((w) => !allowed.has(w));
      if (words.length) bad.push(t);
    } else if (lang === 'es') {
      if (/\b(the|and|with|your|you|round|submit|submitted|waiting|cities|players|subsidies|budget|deal|deals|none|game)\b/i.test(t)) bad.push(t);
    }
  }
  return bad;
}`;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core on the page as it stands: the serious and critical violations (WCAG 2 A/AA rules and best practice). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the browser driver, not added as a <script>: the client's CSP refuses inline script.
  if (!(await page.evaluate(`'axe' in window`))) await page.evaluate(axeSource);
  return page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`);
}

/** Open every <details> so their content is checked too. */
export async function openDetails(page: Page): Promise<void> {
  await page.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`);
}

export interface Overflow {
  /** How wide the page is (document.documentElement.scrollWidth), in CSS pixels. */
  width: number;
  /** The screen's width: the page may be no wider. */
  screen: number;
  /** The innermost elements that reach past the screen's right edge, furthest first, to name in a failure. */
  offenders: string[];
}

/**
 * How wide the page is against the screen, and what sticks out. What a scroll box holds is not
 * counted (a wide table may scroll in its own box); an absolutely placed element counts unless
 * a scroll box holds its containing block too, since otherwise it widens the page.
 */
export async function overflow(page: Page): Promise<Overflow> {
  return page.evaluate(`(${OVERFLOW})()`);
}

const OVERFLOW = String.raw`() => {
  const screen = document.documentElement.clientWidth;
  const held = (el) => {
    const from = getComputedStyle(el).position === 'absolute' ? el.offsetParent : el.parentElement;
    for (let e = from; e && e !== document.body; e = e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') return true;
    return false;
  };
  const out = new Set([...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > screen + 0.5 && !held(e)));
  const name = (e) => {
    const parts = [];
    for (let x = e; x && x !== document.body && parts.length < 4; x = x.parentElement) parts.unshift(x.tagName.toLowerCase() + [...x.classList].map((c) => '.' + c).join(''));
    return parts.join(' > ') + ' to ' + Math.round(e.getBoundingClientRect().right) + ' px: "' + (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
  };
  // The furthest out first.
  const innermost = [...out].filter((e) => ![...e.children].some((c) => out.has(c))).sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return { width: document.documentElement.scrollWidth, screen, offenders: innermost.slice(0, 8).map(name) };
}`;

/** The page fits its window: nothing to scroll, across or down (a projector shows no scrollbar). */
export async function fitsScreen(page: Page, what: string): Promise<void> {
  const m = (await page.evaluate(`({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight, w: innerWidth, h: innerHeight })`)) as { sw: number; sh: number; w: number; h: number };
  if (m.sw > m.w || m.sh > m.h) throw new Error(`${what}: the page is ${m.sw}×${m.sh} in a ${m.w}×${m.h} window`);
}

/** How many elements match `selector`, throwing if one has no size or reaches past the window's edges. */
export async function inside(page: Page, selector: string, what: string): Promise<number> {
  const boxes = (await page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, h: b.height, w: innerWidth, wh: innerHeight }; })`,
  )) as { top: number; bottom: number; left: number; right: number; h: number; w: number; wh: number }[];
  for (const [i, b] of boxes.entries()) {
    if (b.h <= 20) throw new Error(`${what} #${i + 1}: no size (${b.h} px high)`);
    if (b.top < 0 || b.left < 0 || b.bottom > b.wh + 0.5 || b.right > b.w + 0.5) throw new Error(`${what} #${i + 1}: ${JSON.stringify(b)} is not inside the ${b.w}×${b.wh} window`);
  }
  return boxes.length;
}
