/**
 * The theme: the committed CSS is what the tokens generate, every component token is one the
 * NL Design System components read, and the token file is well formed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  flattenTokens,
  readTokens,
  renderThemeCss,
  resolveValue,
  THEME_CSS_FILE,
  themeFiles,
} from '../../scripts/theme.ts';

describe('the theme CSS', () => {
  it('is up to date with app/theme/tokens.json (run `npm run theme` when this fails)', () => {
    expect(readFileSync(THEME_CSS_FILE, 'utf8')).toBe(renderThemeCss(readTokens()));
  });

  it('and so are the favicons in public/ (run `npm run theme` when this fails)', () => {
    for (const [file, content] of themeFiles(readTokens())) {
      if (typeof content === 'string') expect(readFileSync(file, 'utf8'), file).toBe(content);
      else expect(readFileSync(file).equals(content), file).toBe(true);
    }
  });

  it('sets only utrecht.* tokens that the component CSS reads (no typos)', () => {
    const componentCss = readFileSync(
      createRequire(import.meta.url).resolve('@utrecht/component-library-css/dist/index.css'),
      'utf8',
    );
    const read = new Set(
      [...componentCss.matchAll(/var\(\s*(--utrecht-[a-z0-9-]+)/g)].map((m) => m[1]),
    );
    const unread = readTokens()
      .filter((token) => token.path.startsWith('utrecht.'))
      .map((token) => token.property)
      .filter((property) => !read.has(property));
    expect(unread).toEqual([]);
  });

  it('resolves every reference, and every colour to a hex value', () => {
    const tokens = readTokens();
    for (const token of tokens) {
      const value = resolveValue(tokens, token.path);
      if (token.type === 'color') expect(value, token.path).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});

describe('the token functions', () => {
  const tree = {
    brand: { color: { $type: 'color', main: { $value: '#112233' } } },
    utrecht: { link: { color: { $value: '{brand.color.main}' } } },
  };

  it('flattens a tree in document order, with the group type', () => {
    expect(flattenTokens(tree)).toEqual([
      {
        path: 'brand.color.main',
        property: '--brand-color-main',
        value: '#112233',
        type: 'color',
        description: undefined,
      },
      {
        path: 'utrecht.link.color',
        property: '--utrecht-link-color',
        value: '{brand.color.main}',
        type: undefined,
        description: undefined,
      },
    ]);
  });

  it('writes references as var() and resolves them to values', () => {
    const tokens = flattenTokens(tree);
    expect(renderThemeCss(tokens)).toContain(
      '.bfm-theme {\n  --brand-color-main: #112233;\n  --utrecht-link-color: var(--brand-color-main);\n}',
    );
    expect(resolveValue(tokens, 'utrecht.link.color')).toBe('#112233');
  });

  it('refuses unknown references and cycles', () => {
    expect(() => renderThemeCss(flattenTokens({ a: { $value: '{b}' } }))).toThrow(
      /Unknown token b/,
    );
    expect(() =>
      renderThemeCss(flattenTokens({ a: { $value: '{b}' }, b: { $value: '{a}' } })),
    ).toThrow(/Cycle in tokens: a → b → a/);
  });

  it('refuses a group without $value at a leaf', () => {
    expect(() => flattenTokens({ a: { b: 'red' } })).toThrow(/a\.b has no \$value/);
  });
});
