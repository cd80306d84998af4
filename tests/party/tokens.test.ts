/** Secrets: how much chance a guess has, and how they are compared (docs/security.md). */
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newRoomCode } from '../../core/protocol/codes';
import { hashToken, newToken, sameHash } from '../../core/protocol/tokens';

describe('tokens', () => {
  it('are 128 random bits: 32 hex characters, never repeated, every bit set half the time', () => {
    const tokens = Array.from({ length: 20_000 }, newToken);
    expect(tokens.every((t) => /^[0-9a-f]{32}$/.test(t))).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    // A counter, a clock or a weak generator would leave bits stuck or skewed. 20,000 draws:
    // a fair bit lands within 50% ± 2% (5.6 standard deviations) all but once in millions.
    for (let bit = 0; bit < 128; bit++) {
      const nibble = Math.floor(bit / 4);
      const mask = 8 >> bit % 4;
      const ones = tokens.filter((t) => parseInt(t[nibble]!, 16) & mask).length / tokens.length;
      expect(Math.abs(ones - 0.5), `bit ${bit}`).toBeLessThan(0.02);
    }
  });

  it('are kept as SHA-256 hashes, compared over their whole length', async () => {
    const token = newToken();
    const hash = await hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(sameHash(hash, await hashToken(token))).toBe(true);
    for (let i = 0; i < hash.length; i++) {
      const other = hash.slice(0, i) + (hash[i] === '0' ? '1' : '0') + hash.slice(i + 1);
      expect(sameHash(hash, other), `differs at ${i}`).toBe(false);
    }
    expect(sameHash(hash, hash.slice(1))).toBe(false);
    expect(sameHash('', '')).toBe(true);
  });
});

describe('room codes', () => {
  it('draw every character of the alphabet evenly (256 is a multiple of 32: no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) for (const ch of newRoomCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
    const expected = (20_000 * 6) / CODE_ALPHABET.length;
    for (const [ch, n] of counts) expect(Math.abs(n - expected) / expected, ch).toBeLessThan(0.06);
  });
});
