/**
 * Three languages (English, 中文, Español), every string. Each screen's messages are a typed
 * catalogue (web/src/i18n/<part>/<lang>.ts): the English file defines the shape, the others
 * are annotated with its type, so TypeScript refuses a catalogue that misses a key or adds
 * one; tests/web/i18n.test.ts also refuses a value left in English. Catalogues load on
 * demand, one language and one part at a time, so a phone downloads only what it shows.
 *
 * The room's language (chosen by the host) applies until a person picks their own, which
 * is remembered on the device.
 */
import { moneyDigits } from './money';
import type { Language } from '../../../core/protocol/settings';
import type { DebriefMessages } from '../i18n/debrief/en';
import type { HostMessages } from '../i18n/host/en';
import type { KlassMessages } from '../i18n/klass/en';
import type { MainMessages } from '../i18n/main/en';
import type { Part } from '../i18n/parts';
import type { PlayerMessages } from '../i18n/player/en';
import type { RefusalWords } from './refusals';

export const LANGS = ['en', 'zh', 'es'] as const satisfies readonly Language[];
export type Lang = (typeof LANGS)[number];

/** BCP 47 tags for Intl (numbers, dates) and for `<html lang>`. */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN', es: 'es-ES' };
/** Each language's own name, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '中文', es: 'Español' };

interface Parts {
  main: MainMessages;
  host: HostMessages;
  debrief: DebriefMessages;
  player: PlayerMessages;
  /** One sentence per refusal code: loaded once something is refused (RuleText.svelte). */
  refusals: RefusalWords;
  /** A class of rooms (issue 15): only where a class is shown. */
  klass: KlassMessages;
}
// Every part has a catalogue type and a loader (the loaders' type below makes TypeScript check both ways).
export type { Part } from '../i18n/parts';
type _EveryPartTyped = Part extends keyof Parts ? (keyof Parts extends Part ? true : never) : never;
const _partsChecked: _EveryPartTyped = true;

type Loader<T> = () => Promise<{ default: T }>;
const loaders: { [P in Part]: Record<Lang, Loader<Parts[P]>> } = {
  main: { en: () => import('../i18n/main/en'), zh: () => import('../i18n/main/zh'), es: () => import('../i18n/main/es') },
  host: { en: () => import('../i18n/host/en'), zh: () => import('../i18n/host/zh'), es: () => import('../i18n/host/es') },
  debrief: {
    en: () => import('../i18n/debrief/en'),
    zh: () => import('../i18n/debrief/zh'),
    es: () => import('../i18n/debrief/es'),
  },
  player: { en: () => import('../i18n/player/en'), zh: () => import('../i18n/player/zh'), es: () => import('../i18n/player/es') },
  klass: { en: () => import('../i18n/klass/en'), zh: () => import('../i18n/klass/zh'), es: () => import('../i18n/klass/es') },
  refusals: {
    en: () => import('../i18n/refusals/en'),
    zh: () => import('../i18n/refusals/zh'),
    es: () => import('../i18n/refusals/es'),
  },
};

const PICKED = 'enclave:lang';

export const isLang = (x: unknown): x is Lang => typeof x === 'string' && (LANGS as readonly string[]).includes(x);

function stored(): Lang | null {
  try {
    const x = localStorage.getItem(PICKED);
    return isLang(x) ? x : null;
  } catch {
    return null;
  }
}

/** The browser's preferred language among ours, for a first visit. */
export function browserLang(preferred: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

class I18n {
  lang = $state<Lang>('en');
  /** The person's own choice on this device, if any (it beats the room's language). */
  picked = $state<Lang | null>(stored());
  #catalogues = $state.raw<{ [L in Lang]: Partial<Parts> }>({ en: {}, zh: {}, es: {} });
  #wanted = new Set<Part>(['main']);
  #numbers = new Map<string, Intl.NumberFormat>();

  locale = $derived(LOCALES[this.lang]);

  #get<P extends Part>(part: P): Parts[P] {
    const c = this.#catalogues[this.lang][part];
    if (!c) throw new Error(`messages "${part}" not loaded for ${this.lang}`);
    return c as Parts[P];
  }
  get main(): MainMessages {
    return this.#get('main');
  }
  get host(): HostMessages {
    return this.#get('host');
  }
  get debrief(): DebriefMessages {
    return this.#get('debrief');
  }
  get player(): PlayerMessages {
    return this.#get('player');
  }
  get refusals(): RefusalWords {
    return this.#get('refusals');
  }
  get klass(): KlassMessages {
    return this.#get('klass');
  }

  has(part: Part, lang: Lang = this.lang): boolean {
    return this.#catalogues[lang][part] !== undefined;
  }

  async #load(part: Part, lang: Lang): Promise<void> {
    if (this.has(part, lang)) return;
    const { default: messages } = await loaders[part][lang]();
    this.#catalogues = { ...this.#catalogues, [lang]: { ...this.#catalogues[lang], [part]: messages } };
  }

  /** Make sure a part is loaded in the current language (and kept loaded across switches). */
  async need(part: Part): Promise<void> {
    this.#wanted.add(part);
    await this.#load(part, this.lang);
  }

  /** Switch language once every part in use is loaded in it: never a half-translated screen. */
  async use(lang: Lang): Promise<void> {
    await Promise.all([...this.#wanted].map((p) => this.#load(p, lang)));
    this.lang = lang;
    if (typeof document !== 'undefined') document.documentElement.lang = LOCALES[lang];
  }

  /** A person picks a language: remembered on this device, it beats the room's. */
  async pick(lang: Lang): Promise<void> {
    this.picked = lang;
    try {
      localStorage.setItem(PICKED, lang);
    } catch {
      // private mode: the choice lasts for this page
    }
    await this.use(lang);
  }

  /** The room's language (the host's choice) applies unless the person picked one. */
  room(lang: string): void {
    if (!this.picked && isLang(lang) && lang !== this.lang) void this.use(lang);
  }

  /** The language a page starts in. */
  initial(): Lang {
    return this.picked ?? browserLang();
  }

  // Numbers and dates in the reader's locale.
  #format(digits: number, extra: string = ''): Intl.NumberFormat {
    const key = `${this.locale}|${digits}|${extra}`;
    let f = this.#numbers.get(key);
    if (!f) {
      f =
        extra === '%'
          ? new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: digits })
          : extra === 'up to'
            ? new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits })
            : new Intl.NumberFormat(this.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      this.#numbers.set(key, f);
    }
    return f;
  }
  /** A number with a fixed count of decimals. */
  num = (x: number, digits = 1): string => this.#format(digits).format(Object.is(x, -0) ? 0 : x);
  /**
   * An amount of money (¥100m) that may be small: one decimal from 10 up, more below so a small
   * region's subsidies never read 0.0 (0.04 stays 0.04; 0 stays 0.0).
   */
  amount = (x: number): string => this.num(x, moneyDigits(x));
  /**
   * A model parameter as a person would type it: no padding zeros (0.9, 5, 0.025). Every
   * bound and default of core/model/params.ts needs at most 3 decimals.
   */
  param = (x: number): string => this.#format(3, 'up to').format(Object.is(x, -0) ? 0 : x);
  /** A change, with its sign. */
  signed = (x: number, digits = 1): string => (x > 0 ? '+' : '') + this.num(x, digits);
  /** A share 0–1 as a percentage. */
  pct = (x: number, digits = 0): string => this.#format(digits, '%').format(x);
  date = (ms: number | string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
  time = (ms: number): string => new Intl.DateTimeFormat(this.locale, { timeStyle: 'short' }).format(new Date(ms));
  /** A list of names joined the way the language does ("a, b and c", "a、b和c"). */
  list = (items: readonly string[]): string => new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(items);
}

export const i18n = new I18n();

/**
 * A value from an open-ended table (a sector id, a bot strategy) with a visible marker when
 * a translation is missing, so the browser tests can catch it.
 */
export function lookup(table: Readonly<Record<string, string>>, key: string): string {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key]! : `⟦${key}⟧`;
}
