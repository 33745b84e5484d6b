/**
 * The Basisfunctiemonitor theme: reads the design tokens in app/theme/tokens.json (Design
 * Tokens format: `$value`, `$type`, `{references}`) and writes them as CSS custom properties
 * under the class `bfm-theme` to app/theme/theme.css, and the favicons in the primary colour
 * to public/ (scripts/favicon.ts).
 *
 *   npm run theme
 *
 * A token `utrecht.button.primary-action.background-color` becomes
 * `--utrecht-button-primary-action-background-color`; a reference `{basisfunctiemonitor.color.primary}`
 * becomes `var(--basisfunctiemonitor-color-primary)`, so the relation stays visible in the
 * browser's developer tools. The unit tests use the same functions to check that the committed
 * CSS is up to date and that every text/background pair has enough contrast.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { faviconIco, faviconSvg } from './favicon.ts';

export const TOKENS_FILE = fileURLToPath(new URL('../app/theme/tokens.json', import.meta.url));
export const THEME_CSS_FILE = fileURLToPath(new URL('../app/theme/theme.css', import.meta.url));
export const THEME_CLASS = 'bfm-theme';
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

export interface Token {
  /** The dotted path, e.g. `utrecht.link.color`. */
  readonly path: string;
  /** The CSS custom property, e.g. `--utrecht-link-color`. */
  readonly property: string;
  readonly value: string;
  readonly type: string | undefined;
  readonly description: string | undefined;
}

interface TokenNode {
  readonly $value?: unknown;
  readonly $type?: string;
  readonly $description?: string;
  readonly [key: string]: unknown;
}

const REFERENCE = /\{([^{}]+)\}/g;

function isGroup(value: unknown): value is TokenNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** All tokens of a token tree in document order; a group's `$type` applies to its tokens. */
export function flattenTokens(tree: unknown): Token[] {
  const tokens: Token[] = [];
  const walk = (node: TokenNode, path: string[], inheritedType: string | undefined) => {
    const type = node.$type ?? inheritedType;
    if ('$value' in node) {
      if (typeof node.$value !== 'string' && typeof node.$value !== 'number')
        throw new Error(`Token ${path.join('.')}: $value must be a string or a number.`);
      tokens.push({
        path: path.join('.'),
        property: `--${path.join('-')}`,
        value: String(node.$value),
        type,
        description: node.$description,
      });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$')) continue;
      if (!isGroup(child)) throw new Error(`Token ${[...path, key].join('.')} has no $value.`);
      walk(child, [...path, key], type);
    }
  };
  if (!isGroup(tree)) throw new Error('The token file must hold an object.');
  walk(tree, [], undefined);
  return tokens;
}

export function readTokens(file = TOKENS_FILE): Token[] {
  return flattenTokens(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * The final value of a token, with every reference replaced by the value it points to.
 *
 * @throws {Error} on a reference to an unknown token or a cycle
 */
export function resolveValue(tokens: readonly Token[], path: string): string {
  const byPath = new Map(tokens.map((token) => [token.path, token]));
  const resolveIn = (current: string, seen: readonly string[]): string => {
    const token = byPath.get(current);
    if (!token) throw new Error(`Unknown token ${current} (referred to from ${seen.at(-1)}).`);
    if (seen.includes(current))
      throw new Error(`Cycle in tokens: ${[...seen, current].join(' → ')}`);
    return token.value.replace(REFERENCE, (_, target: string) =>
      resolveIn(target, [...seen, current]),
    );
  };
  return resolveIn(path, []);
}

/** The CSS for the tokens: one rule on the theme class, references as var(). */
export function renderThemeCss(tokens: readonly Token[]): string {
  // Resolving every token once checks the references before anything is written.
  for (const token of tokens) resolveValue(tokens, token.path);
  const declarations = tokens.map(
    (token) =>
      `  ${token.property}: ${token.value.replace(REFERENCE, (_, target: string) => `var(--${target.replaceAll('.', '-')})`)};`,
  );
  return [
    '/*',
    ' * The Basisfunctiemonitor theme: NL Design System design tokens as CSS custom properties.',
    ' * Generated from app/theme/tokens.json by scripts/theme.ts. Do not edit: change the tokens',
    ' * and run `npm run theme`.',
    ' */',
    `.${THEME_CLASS} {`,
    ...declarations,
    '}',
    '',
  ].join('\n');
}

/** Every file the theme generates, by path: the CSS and the favicons. */
export function themeFiles(tokens: readonly Token[]): Map<string, string | Buffer> {
  const primary = resolveValue(tokens, 'basisfunctiemonitor.color.primary');
  return new Map<string, string | Buffer>([
    [THEME_CSS_FILE, renderThemeCss(tokens)],
    [`${PUBLIC_DIR}favicon.svg`, faviconSvg(primary)],
    [`${PUBLIC_DIR}favicon.ico`, faviconIco(primary)],
  ]);
}

function main(): void {
  for (const [file, content] of themeFiles(readTokens())) {
    writeFileSync(file, content);
    console.warn(`Wrote ${file}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
