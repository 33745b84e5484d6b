import { describe, expect, it } from 'vitest';
import { listThemeVariables, THEME_VALUE_LABELS } from './answer-variables.ts';

describe('listThemeVariables', () => {
  it('names one variable per theme by question, part and position, with labels and 0/1 value labels', () => {
    const variables = listThemeVariables([
      { id: 2, question: 46, part: 'note', themes: [{ id: 7, name: 'Geld' }] },
      {
        id: 1,
        question: 46,
        part: 'text',
        themes: [
          { id: 9, name: 'Interne structuur' },
          { id: 3, name: 'Evaluatie' },
        ],
      },
      { id: 3, question: 11, part: 'text', themes: [{ id: 4, name: 'Visie' }] },
    ]);
    expect(variables.map((v) => [v.name, v.label, v.source])).toEqual([
      [
        'vraag_11_thema_1',
        'Vraag 11 (open antwoord), thema: Visie',
        { kind: 'theme', codebook: 3, theme: 4 },
      ],
      [
        'vraag_46_thema_1',
        'Vraag 46 (open antwoord), thema: Interne structuur',
        { kind: 'theme', codebook: 1, theme: 9 },
      ],
      [
        'vraag_46_thema_2',
        'Vraag 46 (open antwoord), thema: Evaluatie',
        { kind: 'theme', codebook: 1, theme: 3 },
      ],
      [
        'vraag_46_toelichting_thema_1',
        'Vraag 46 (toelichting), thema: Geld',
        { kind: 'theme', codebook: 2, theme: 7 },
      ],
    ]);
    expect(variables.every((v) => v.values === THEME_VALUE_LABELS && v.type === 'numeric')).toBe(
      true,
    );
    expect(THEME_VALUE_LABELS).toEqual([
      { value: 0, label: 'niet genoemd' },
      { value: 1, label: 'genoemd' },
    ]);
  });

  it('gives none for a round without codebooks, or a codebook without themes', () => {
    expect(listThemeVariables([])).toEqual([]);
    expect(listThemeVariables([{ id: 1, question: 46, part: 'text', themes: [] }])).toEqual([]);
  });
});
