/**
 * Tokens kept on this device so a reload (or a lost connection) gets the same seat or the
 * host console back. The host token also travels in the host link's #fragment, which
 * browsers never send to a server.
 */
const key = (kind: 'host' | 'seat', code: string) => `enclave:${kind}:${code}`;

export function loadToken(kind: 'host' | 'seat', code: string): string | null {
  try {
    return localStorage.getItem(key(kind, code));
  } catch {
    return null;
  }
}

export function saveToken(kind: 'host' | 'seat', code: string, token: string): void {
  try {
    localStorage.setItem(key(kind, code), token);
  } catch {
    // Private mode: the seat lasts as long as the tab.
  }
}

export function forgetToken(kind: 'host' | 'seat', code: string): void {
  try {
    localStorage.removeItem(key(kind, code));
  } catch {
    // nothing stored
  }
}

/** Host token from a host link (`/host/CODE#k=TOKEN`), remembered for reloads. */
export function hostTokenFromLink(code: string): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('k');
  if (fromHash && /^[0-9a-f]{32}$/.test(fromHash)) {
    saveToken('host', code, fromHash);
    return fromHash;
  }
  return loadToken('host', code);
}
