/** Secrets: how much chance a guess has, and how they are compared (docs/security.md). */
import { describe, expect, it, vi } from 'vitest';
import { CODE_ALPHABET, CODE_PATTERN, newRoomCode } from '../../core/protocol/codes';
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
  // Exactly, not by sampling: a sampled count of each character strays past any fixed bound
  // now and then (20,000 codes put one 4 standard deviations out about once in 150 runs).
  it('map the 256 byte values onto the 32 characters 8 times each (256 is a multiple of 32: no modulo bias)', () => {
    let next = 0;
    const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(((bytes: Uint8Array) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = next++ % 256;
      return bytes;
    }) as typeof crypto.getRandomValues);
    const counts = new Map<string, number>();
    try {
      // 256 codes of 6 draw every byte value 6 times.
      for (let i = 0; i < 256; i++) for (const ch of newRoomCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    } finally {
      spy.mockRestore();
    }
    expect([...counts.keys()].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
    expect(new Set(counts.values())).toEqual(new Set([(256 * 6) / CODE_ALPHABET.length]));
  });

  it('come from the platform’s random source: real draws cover the alphabet and match the pattern', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newRoomCode();
      expect(code).toMatch(CODE_PATTERN);
      for (const ch of code) seen.add(ch);
    }
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });
});
