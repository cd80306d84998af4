/**
 * Tokens kept on this device so a reload (or a lost connection) gets the same seat or the
 * host console back. A browser keeps one host token for all its games, so the archive
 * lists every game it hosted; the host link carries it in its #fragment, which browsers
 * never send to a server.
 */
/** `placement`: a class's answer to this device's join (docs/protocol.md "Classes"), so a reload or a second tab finds the same place. */
type Kind = 'host' | 'seat' | 'placement';
const key = (kind: Kind, code: string) => `enclave:${kind}:${code}`;
const DEVICE_HOST = 'enclave:host-token';
const TOKEN = /^[0-9a-f]{32}$/;

function read(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}
function write(k: string, v: string | null): void {
  try {
    if (v === null) localStorage.removeItem(k);
    else localStorage.setItem(k, v);
  } catch {
    // Private mode: it lasts as long as the tab.
  }
}

export const loadToken = (kind: Kind, code: string): string | null => read(key(kind, code));
export const saveToken = (kind: Kind, code: string, token: string): void => write(key(kind, code), token);
export const forgetToken = (kind: Kind, code: string): void => write(key(kind, code), null);

/** 128 random bits as 32 hex characters, the room's token format. */
export function newToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This browser's host token: made once, then reused for every game it creates. */
export function deviceHostToken(): string {
  const known = read(DEVICE_HOST);
  if (known && TOKEN.test(known)) return known;
  const made = newToken();
  write(DEVICE_HOST, made);
  return made;
}

/** The device's host token if it has one (the archive needs it), without making one. */
export const knownHostToken = (): string | null => {
  const t = read(DEVICE_HOST);
  return t && TOKEN.test(t) ? t : null;
};

/** Host token from a host link (`/host/CODE#k=TOKEN`), remembered for reloads. */
export function hostTokenFromLink(code: string): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('k');
  if (fromHash && TOKEN.test(fromHash)) {
    saveToken('host', code, fromHash);
    // A host link opened on a new device makes its token this device's, so the archive
    // of that device lists the game too.
    if (!knownHostToken()) write(DEVICE_HOST, fromHash);
    return fromHash;
  }
  return loadToken('host', code);
}

export const hostLink = (code: string, token: string): string => `${location.origin}/host/${code}#k=${token}`;

/** This device was placed in this room by a class (lib/class-place.ts keeps the place under this key). */
export const placedByClass = (room: string): boolean => read(`enclave:class-place:${room}`) !== null;
