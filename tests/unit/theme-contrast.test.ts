/**
 * WCAG 2.1 contrast of the theme, computed from the design tokens: 4.5:1 for text
 * (success criterion 1.4.3), 3:1 for focus rings, control borders and other user-interface
 * parts (1.4.11). Every background colour the theme defines is checked against the text on it.
 */
import { describe, expect, it } from 'vitest';
import { readTokens, resolveValue } from '../../scripts/theme.ts';

/** Relative luminance of an sRGB colour `#rrggbb` (WCAG 2.1). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const tokens = readTokens();
const value = (path: string) => resolveValue(tokens, `utrecht.${path}`);

const TEXT = 4.5;
const UI = 3;
const PAGE = 'document.background-color';
const ALERTS = ['info', 'ok', 'warning', 'error'] as const;
const BUTTONS = ['primary-action', 'secondary-action'] as const;
const BUTTON_STATES = ['', 'hover.', 'focus.', 'active.'] as const;

/** [what, foreground token, background token, minimum ratio] */
const PAIRS: [string, string, string, number][] = [
  ['body text', 'document.color', PAGE, TEXT],
  ['page text', 'page.color', 'page.background-color', TEXT],
  ['header text', 'page-header.color', 'page-header.background-color', TEXT],
  ['header content', 'page-header.content.color', 'page-header.content.background-color', TEXT],
  ['footer text and links', 'page-footer.color', 'page-footer.background-color', TEXT],
  ['footer content', 'page-footer.content.color', 'page-footer.content.background-color', TEXT],
  ['heading 1', 'heading-1.color', PAGE, TEXT],
  ['heading 2', 'heading-2.color', PAGE, TEXT],
  ['heading 3', 'heading-3.color', PAGE, TEXT],
  ['paragraph', 'paragraph.color', PAGE, TEXT],
  ['lead paragraph', 'paragraph.lead.color', PAGE, TEXT],
  ['small paragraph', 'paragraph.small.color', PAGE, TEXT],
  ['code', 'code.color', 'code.background-color', TEXT],
  ['link', 'link.color', PAGE, TEXT],
  ['link, hover', 'link.hover.color', PAGE, TEXT],
  ['link, active', 'link.active.color', PAGE, TEXT],
  ['visited link', 'link.visited.color', PAGE, TEXT],
  ['link, focus', 'link.focus.color', 'link.focus.background-color', TEXT],
  ['link in a table header', 'link.color', 'table.header.background-color', TEXT],
  ['breadcrumb link', 'breadcrumb-nav.link.color', PAGE, TEXT],
  ['breadcrumb link, hover', 'breadcrumb-nav.link.hover.color', PAGE, TEXT],
  [
    'breadcrumb link, focus',
    'breadcrumb-nav.link.focus.color',
    'breadcrumb-nav.link.focus.background-color',
    TEXT,
  ],
  ['breadcrumb separator', 'breadcrumb-nav.separator.color', PAGE, TEXT],
  ['skip link', 'skip-link.color', 'skip-link.background-color', TEXT],
  ['plain button', 'button.color', 'button.background-color', TEXT],
  ['plain button, hover', 'button.hover.color', 'button.hover.background-color', TEXT],
  ...BUTTONS.flatMap((button) =>
    BUTTON_STATES.map((state): [string, string, string, number] => [
      `${button} button ${state || 'at rest'}`,
      `button.${button}.${state}color`,
      `button.${button}.${state}background-color`,
      TEXT,
    ]),
  ),
  // Disabled controls are exempt from 1.4.3; the theme still keeps them readable.
  ...BUTTONS.map((button): [string, string, string, number] => [
    `${button} button disabled`,
    `button.${button}.disabled.color`,
    `button.${button}.disabled.background-color`,
    TEXT,
  ]),
  ['form label', 'form-label.color', PAGE, TEXT],
  ['checkbox and radio label', 'form-label.checkbox.color', PAGE, TEXT],
  ['legend', 'form-fieldset.legend.color', PAGE, TEXT],
  ['field description', 'form-field-description.color', PAGE, TEXT],
  ['error message', 'form-field-error-message.color', PAGE, TEXT],
  ['text box', 'form-control.color', 'form-control.background-color', TEXT],
  ['text box, focus', 'form-control.focus.color', 'form-control.focus.background-color', TEXT],
  [
    'text box, invalid',
    'form-control.invalid.color',
    'form-control.invalid.background-color',
    TEXT,
  ],
  [
    'text box, disabled',
    'form-control.disabled.color',
    'form-control.disabled.background-color',
    TEXT,
  ],
  ['placeholder', 'form-control.placeholder-color', 'form-control.background-color', TEXT],
  ['alert', 'alert.color', 'alert.background-color', TEXT],
  ...ALERTS.flatMap((alert): [string, string, string, number][] => [
    [`${alert} alert`, `alert.${alert}.color`, `alert.${alert}.background-color`, TEXT],
    // The error summary lists links to the fields.
    [`link in a ${alert} alert`, 'link.color', `alert.${alert}.background-color`, TEXT],
  ]),
  ['table caption', 'table.caption.color', PAGE, TEXT],
  ['table header', 'table.header.color', 'table.header.background-color', TEXT],
  ['table header cell', 'table.header-cell.color', 'table.header.background-color', TEXT],
  ['table header cell in the body', 'table.header-cell.color', PAGE, TEXT],
  // Non-text contrast (1.4.11).
  ['focus ring on the page', 'focus.outline-color', PAGE, UI],
  ['focus ring in the header', 'focus.outline-color', 'page-header.background-color', UI],
  ['focus ring in the footer', 'focus.outline-color', 'page-footer.background-color', UI],
  ['focus ring on a table header', 'focus.outline-color', 'table.header.background-color', UI],
  [
    'inner focus ring on a primary button',
    'focus.inverse-outline-color',
    'button.primary-action.background-color',
    UI,
  ],
  ['inner and outer focus ring', 'focus.outline-color', 'focus.inverse-outline-color', UI],
  ['text box border', 'form-control.border-color', PAGE, UI],
  ['text box border, focus', 'form-control.focus.border-color', PAGE, UI],
  ['text box border, invalid', 'form-control.invalid.border-color', PAGE, UI],
  ['secondary button border', 'button.secondary-action.border-color', PAGE, UI],
  ...(['checkbox', 'radio-button'] as const).flatMap((kind): [string, string, string, number][] => [
    [`${kind} border`, `${kind}.border-color`, PAGE, UI],
    [`${kind} border, hover`, `${kind}.hover.border-color`, `${kind}.hover.background-color`, UI],
    [`${kind} checked`, `${kind}.checked.background-color`, PAGE, UI],
    [`${kind} invalid`, `${kind}.invalid.border-color`, PAGE, UI],
  ]),
  ['radio button dot', 'radio-button.checked.color', 'radio-button.checked.background-color', UI],
  [
    'radio button dot, hover',
    'radio-button.checked.hover.color',
    'radio-button.checked.hover.background-color',
    UI,
  ],
  [
    'radio button dot, active',
    'radio-button.checked.active.color',
    'radio-button.checked.active.background-color',
    UI,
  ],
  ['checkbox tick (white)', 'focus.inverse-outline-color', 'checkbox.checked.background-color', UI],
  [
    'indeterminate checkbox',
    'checkbox.indeterminate.color',
    'checkbox.indeterminate.background-color',
    UI,
  ],
];

/** Backgrounds that carry no text of their own; why they need no pair. */
const NO_TEXT: Record<string, string> = {
  'checkbox.background-color': 'the box; its border is checked',
  'checkbox.hover.background-color': 'the box; its border is checked',
  'checkbox.active.background-color': 'the box; its border is checked',
  'checkbox.disabled.background-color': 'a disabled box',
  'radio-button.background-color': 'the circle; its border is checked',
  'radio-button.active.background-color': 'the circle; its border is checked',
  'radio-button.disabled.background-color': 'a disabled circle',
};

describe('contrast of the theme (WCAG 2.1)', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // The lightest grey with 4.5:1 on white, a well-known value.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
  });

  it.each(PAIRS)('%s: %s on %s reaches %d:1', (_what, foreground, background, minimum) => {
    const ratio = contrastRatio(value(foreground), value(background));
    expect(ratio, `${value(foreground)} on ${value(background)}`).toBeGreaterThanOrEqual(minimum);
  });

  it('checks every background colour the theme defines', () => {
    const checked = new Set(PAIRS.map(([, , background]) => background));
    const unchecked = tokens
      .filter(
        (token) => token.path.startsWith('utrecht.') && token.path.endsWith('background-color'),
      )
      .map((token) => token.path.slice('utrecht.'.length))
      .filter((path) => !checked.has(path) && !(path in NO_TEXT));
    expect(unchecked).toEqual([]);
  });
});
