import { describe, expect, it } from 'vitest';
import { generateSecretToken, hashSecretToken } from './secret-token.ts';

describe('secret tokens', () => {
  it('are random, base64url, 256 bits by default, with an optional prefix', () => {
    const a = generateSecretToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateSecretToken()).not.toBe(a);
    expect(generateSecretToken(18)).toHaveLength(24);
    expect(generateSecretToken(32, 'bfm_')).toMatch(/^bfm_[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as their SHA-256 hash', () => {
    expect(hashSecretToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashSecretToken('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
