import { describe, expect, it } from 'vitest';
import { createRandom } from '../domain/random.ts';
import {
  composeDemoNote,
  composeDemoOpenText,
  DEMO_CODEBOOKS,
  DEMO_OPEN_SENTENCES,
  readDemoThemes,
} from './demo-open-texts.ts';

describe('the demo texts', () => {
  it('compose the same answers from the same seed, one or two different sentences of the question', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 50 }, () => composeDemoOpenText(random, 'mantelzorg', 46));
    };
    expect(draw(7)).toEqual(draw(7));
    const sentences = (DEMO_OPEN_SENTENCES['mantelzorg:46'] ?? []).map((s) => s.text);
    for (const text of draw(7)) {
      const parts = sentences.filter((sentence) => text?.includes(sentence));
      expect(parts.length === 1 || parts.length === 2).toBe(true);
      expect(parts.join(' ')).toHaveLength((text ?? '').length);
    }
    expect(composeDemoOpenText(createRandom(1), 'mantelzorg', 999)).toBeNull();
  });

  it('give every sentence of a codebook question a theme of its codebook', () => {
    for (const codebook of DEMO_CODEBOOKS) {
      const keys = codebook.themes.map((theme) => theme.key);
      const sentences = DEMO_OPEN_SENTENCES[`${codebook.questionnaire}:${codebook.question}`] ?? [];
      expect(sentences.length).toBeGreaterThan(0);
      for (const sentence of sentences) expect(keys).toContain(sentence.theme);
      expect(new Set(sentences.map((s) => s.theme))).toEqual(new Set(keys));
    }
    expect(
      readDemoThemes(
        'vrijwilligerswerk',
        46,
        'Voor het borgen van kennis ontbreken tijd en geld. Een evaluatie van de uitvoering staat gepland voor volgend jaar.',
      ).sort(),
    ).toEqual(['evaluatie', 'middelen']);
  });

  it('write notes specific to the basisfunctie or general', () => {
    const random = createRandom(3);
    const notes = new Set(
      Array.from({ length: 200 }, () => composeDemoNote(random, 'respijtzorg')),
    );
    expect(notes).toContain('Er is een logeerhuis in de regio, met een wachtlijst.');
    expect(notes).toContain('Wordt regionaal geregeld.');
    expect(composeDemoNote(createRandom(3), null)).toBeTypeOf('string');
  });
});
