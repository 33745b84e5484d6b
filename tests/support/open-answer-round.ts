/**
 * A round with chosen open answers and notes (issue 13), for the open-answer tests: every
 * municipality of the 2009 register answers (synthetic scale answers), except that Flevoland
 * keeps only 3 respondents, so its province is too small to be named. The open answers of the
 * synthetic data are left out; the texts below are the only ones.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import type { AnswerValue } from '../../src/db/repositories/answer-repository.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { generateSyntheticAnswers } from '../../src/services/demo-data.ts';
import { createRound, loadRound } from '../../src/services/round-service.ts';

export const OPEN_ROUND = 'open-antwoorden';
/** Vrijwilligerswerk 47: an open question without a basisfunctie. */
export const Q47 = { questionnaire: 'vrijwilligerswerk', question: 47, part: 'text' } as const;
/** Vrijwilligerswerk 11: an open question of the basisfunctie 'vertalen'. */
export const Q11 = { questionnaire: 'vrijwilligerswerk', question: 11, part: 'text' } as const;
/** Notes on vrijwilligerswerk 1 (a scale item of 'vertalen'). */
export const NOTES1 = { questionnaire: 'vrijwilligerswerk', question: 1, part: 'note' } as const;

/** Flevoland's respondents: Almere (100.000–250.000), Zeewolde (20.000–50.000), Urk (< 20.000). */
export const FLEVOLAND_KEPT = ['0034', '0050', '0184'];
const FLEVOLAND_DROPPED = ['0171', '0303', '0995'];

export const TEXTS_47: Readonly<Record<string, string>> = {
  '0363': 'In Amsterdam zoeken we vrijwilligers voor de buurthuizen.',
  '0301': 'Zutphen werkt samen met de vrijwilligerscentrale aan een goede interne structuur.',
  '0200': 'De vrijwilliger krijgt een waarderingsbon van de gemeente.',
  '0213': 'Mantelzorgers krijgen respijtzorg en een jaarlijkse attentie.',
  '0197': 'Wij hebben geen signalen over seksueel misbruik ontvangen.',
  '0243': 'Een goede interne structuur voor vrijwilligers ontbreekt nog.',
  '0034': 'Het makelen staat op de agenda van het college.',
  '0050': 'Het makelen staat nog niet op de agenda.',
  '0014': 'Vrijwilligerswerk is belangrijk voor onze stad.',
};

export const TEXTS_11: Readonly<Record<string, string>> = {
  '0301': 'Wij vertalen landelijke ontwikkelingen naar lokaal beleid.',
  '0200': 'De vertaling naar beleid volgt in 2010.',
  '0197': 'Nog geen beleid.',
  '0243': 'Beleid wordt herschreven.',
  '0222': 'Beleid is in voorbereiding.',
  '0228': 'Er is een visie op vrijwilligerswerk.',
};

export const NOTES_1: Readonly<Record<string, string>> = {
  '0200': 'De visie wordt herzien na de maatschappelijke stage.',
  '0301': 'Visie vastgesteld door de raad.',
};

/** Creates the round with the texts above (status closed: nobody edits it while it is read). */
export async function createOpenAnswerRound(db: Database, id = OPEN_ROUND): Promise<void> {
  await db.transaction(async (tx) => {
    await createRound(tx, { id, name: 'Meting met open antwoorden', status: 'closed' });
    const loaded = await loadRound(tx, id);
    const synthetic = generateSyntheticAnswers(loaded.instrument, loaded.municipalities, {
      participation: 1,
    })
      .filter((value) => !FLEVOLAND_DROPPED.includes(value.municipalityCode))
      .map((value): AnswerValue => ({ ...value, text: null }));
    const texts = [
      ...Object.entries(TEXTS_47).map(([code, text]) => ({ code, text, question: 47 })),
      ...Object.entries(TEXTS_11).map(([code, text]) => ({ code, text, question: 11 })),
    ];
    const values = synthetic.filter(
      (value) =>
        value.questionnaire !== 'vrijwilligerswerk' ||
        !texts.some((t) => t.code === value.municipalityCode && t.question === value.question),
    );
    for (const { code, text, question } of texts) {
      values.push({
        municipalityCode: code,
        questionnaire: 'vrijwilligerswerk',
        question,
        points: null,
        options: null,
        text,
      });
    }
    await storeAnswers(tx, loaded, values, []);
    // Notes are written by the questionnaire's editor, not the bulk store: set them directly.
    for (const [code, note] of Object.entries(NOTES_1)) {
      await tx.execute(
        sql`update answers set note = ${note} where round_id = ${id} and municipality_code = ${code}
            and questionnaire = 'vrijwilligerswerk' and question = 1`,
      );
    }
  });
}
