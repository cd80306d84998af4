/**
 * Alerts a person put away (lib/alerts.ts), kept on the device per room and city, so a
 * reload or a phone that sleeps does not bring back an offer or an event already read. The
 * newest keys are kept, a few dozen at most: an alert's key names its round, so old ones
 * never match again.
 */
export const MAX_DISMISSED = 64;

const key = (code: string, city: string) => `enclave:dismissed:${code}:${city}`;

/** The Web Storage calls used (localStorage in the browser; a map in the tests). */
export interface KeptStrings {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the device remembers (any storage with the Web Storage calls; none in private mode). */
export function loadDismissed(storage: Pick<KeptStrings, 'getItem'> | null, code: string, city: string): Set<string> {
  try {
    const raw = JSON.parse(storage?.getItem(key(code, city)) ?? '[]') as unknown;
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(-MAX_DISMISSED) : []);
  } catch {
    return new Set();
  }
}

export function saveDismissed(storage: Pick<KeptStrings, 'setItem'> | null, code: string, city: string, keys: ReadonlySet<string>): void {
  try {
    storage?.setItem(key(code, city), JSON.stringify([...keys].slice(-MAX_DISMISSED)));
  } catch {
    // Full or private storage: they stay put away until the page closes.
  }
}
