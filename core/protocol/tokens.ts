/**
 * Secrets: host tokens, seat tokens and share-link tokens. Each is 128 random bits from the
 * platform's CSPRNG, shown to its holder once and kept only as a SHA-256 hash. Hashes are
 * compared without an early exit; lookups by hash (the archive's SQL) reveal at most how a
 * hash of the guess begins, which does not help find a token. docs/security.md has the rest.
 *
 * The rooms (party/) and the worker (worker/) both use these, so they live here, below both.
 * Only Web Crypto is used, which workerd, Node and browsers all have.
 */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of UTF-8 text, as 64 lowercase hex characters (tokens, and the archive's record hashes). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the room and the archive keep of a token. */
export const hashToken = sha256;

/** Equal-length hex strings compared without an early exit. */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
