/** BFM_TRUST_PROXY names the trusted proxies; trusting every hop is no longer possible. */
import { describe, expect, it } from 'vitest';
import { parseEnv, parseTrustProxy } from './env.ts';

describe('BFM_TRUST_PROXY', () => {
  it.each([
    ['0', false],
    ['', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.1, 10.0.0.2', ['10.0.0.1', '10.0.0.2']],
    ['10.0.0.0/24,fd00::/8,uniquelocal', ['10.0.0.0/24', 'fd00::/8', 'uniquelocal']],
  ])('reads %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['true', 'yes', '*', '10.0.0.300', '10.0.0.0/33', 'proxy.example.nl', '-1', '1000'])(
    'refuses %j with a Dutch message',
    (value) => {
      expect(parseTrustProxy(value)).toBeUndefined();
      expect(() => parseEnv({ BFM_TRUST_PROXY: value })).toThrow(
        /BFM_TRUST_PROXY moet 0 zijn, een aantal proxy's/,
      );
    },
  );

  it('trusts no proxy by default', () => {
    expect(parseEnv({}).BFM_TRUST_PROXY).toBe(false);
  });
});
