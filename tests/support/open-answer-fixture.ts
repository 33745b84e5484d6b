/**
 * A round with coded open answers (issue 13), for the tests of the exports, the SPSS theme
 * variables and the national report's quotes: every municipality of the 2009 register answers
 * one scale item (so every province and size class counts for the anonymisation rule), and a
 * few answer open question 46 of `vrijwilligerswerk` (verankeren) with chosen texts. A codebook
 * with three themes is coded by two coders (the coordinator first, then the analyst), one
 * answer is settled, and two answers are quotes.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import {
  answerCodings,
  answerQuotes,
  answerSettlements,
  codebookThemes,
  codebooks,
} from '../../src/db/schema.ts';
import type { AnswerValue } from '../../src/db/repositories/answer-repository.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { loadRound } from '../../src/services/round-service.ts';

export const QUESTIONNAIRE = 'vrijwilligerswerk';
export const QUESTION = 46;

/** The open answers, by municipality name (their codes are looked up in the register). */
export const TEXTS: Readonly<Record<string, string>> = {
  Zutphen: 'In Zutphen zoeken we nog naar een goede interne structuur voor de vrijwilligers.',
  Amsterdam: 'Het steunpunt legt de ervaring van elke vrijwilliger vast.',
  Lelystad: 'We evalueren het beleid elke vier jaar met de vrijwilligersorganisaties.',
  Haarlem: 'Voor het borgen van kennis ontbreken tijd en geld.',
  Apeldoorn: 'We zoeken nog naar een goede interne structuur.',
  Groningen: 'Kennis delen we in de regio.',
};

/** The themes, in codebook order. */
export const THEMES = ['Interne structuur', 'Evaluatie', 'Tijd en geld'] as const;

export interface CodedFixture {
  readonly codes: Readonly<Record<string, string>>;
  readonly codebookId: number;
  readonly themeIds: readonly number[];
  /** The final theme names per municipality name (settled, or else the first coder's). */
  readonly finalThemes: Readonly<Record<string, readonly string[]>>;
}

/** Stores the answers, the codebook, two coders' codings, a settlement and two quotes. */
export async function seedCodedOpenAnswers(
  db: Database,
  roundId: string,
  coders: { first: StaffUser; second: StaffUser },
): Promise<CodedFixture> {
  const loaded = await loadRound(db, roundId);
  const codes: Record<string, string> = {};
  for (const name of Object.keys(TEXTS)) {
    const found = loaded.municipalities.find((m) => m.name === name);
    if (!found) throw new Error(`${name} is not in the register of ${roundId}`);
    codes[name] = found.code;
  }
  const values: AnswerValue[] = loaded.municipalities.map((m) => ({
    municipalityCode: m.code,
    questionnaire: QUESTIONNAIRE,
    question: 1,
    points: 2,
    options: null,
    text: null,
  }));
  for (const [name, text] of Object.entries(TEXTS)) {
    values.push({
      municipalityCode: codes[name] as string,
      questionnaire: QUESTIONNAIRE,
      question: QUESTION,
      points: null,
      options: null,
      text,
    });
  }
  await db.transaction((tx) => storeAnswers(tx, loaded, values, []));

  const [codebook] = await db
    .insert(codebooks)
    .values({
      roundId,
      questionnaire: QUESTIONNAIRE,
      question: QUESTION,
      part: 'text',
      createdBy: coders.first.id,
    })
    .returning({ id: codebooks.id });
  const codebookId = (codebook as { id: number }).id;
  const themeRows = await db
    .insert(codebookThemes)
    .values(
      THEMES.map((name, index) => ({
        codebookId,
        name,
        description: `Omschrijving van ${name}`,
        position: index + 1,
      })),
    )
    .returning({ id: codebookThemes.id, name: codebookThemes.name });
  const idOf = (name: string) => (themeRows.find((row) => row.name === name) as { id: number }).id;

  // The first coder's codings count unless settled; the second coder differs on Haarlem.
  const first: Record<string, string[]> = {
    Zutphen: ['Interne structuur'],
    Amsterdam: [],
    Lelystad: ['Evaluatie'],
    Haarlem: ['Tijd en geld'],
    Apeldoorn: ['Interne structuur'],
  };
  const second: Record<string, string[]> = { ...first, Haarlem: ['Tijd en geld', 'Evaluatie'] };
  const at = (day: number) => new Date(`2026-03-0${day}T09:00:00Z`);
  await db.insert(answerCodings).values([
    ...Object.entries(first).map(([name, themes]) => ({
      codebookId,
      municipalityCode: codes[name] as string,
      coderId: coders.first.id,
      themeIds: themes.map(idOf),
      codedAt: at(1),
    })),
    ...Object.entries(second).map(([name, themes]) => ({
      codebookId,
      municipalityCode: codes[name] as string,
      coderId: coders.second.id,
      themeIds: themes.map(idOf),
      codedAt: at(2),
    })),
  ]);
  // Settled: Lelystad gets 'Evaluatie' and 'Interne structuur' (not the first coder's alone).
  await db.insert(answerSettlements).values({
    codebookId,
    municipalityCode: codes.Lelystad as string,
    themeIds: [idOf('Evaluatie'), idOf('Interne structuur')],
    settledBy: coders.first.id,
  });
  await db.insert(answerQuotes).values(
    ['Zutphen', 'Lelystad'].map((name) => ({
      roundId,
      questionnaire: QUESTIONNAIRE,
      question: QUESTION,
      part: 'text' as const,
      municipalityCode: codes[name] as string,
      markedBy: coders.first.id,
    })),
  );
  // A note on Zutphen's scale answer, so the notes' part has something too.
  await db.execute(
    sql`update answers set note = 'Vrijwilligers zijn betrokken via een klankbordgroep.'
        where round_id = ${roundId} and municipality_code = ${codes.Zutphen as string}
          and questionnaire = ${QUESTIONNAIRE} and question = 1`,
  );
  return {
    codes,
    codebookId,
    themeIds: THEMES.map(idOf),
    finalThemes: {
      Zutphen: ['Interne structuur'],
      Amsterdam: [],
      Lelystad: ['Interne structuur', 'Evaluatie'],
      Haarlem: ['Tijd en geld'],
      Apeldoorn: ['Interne structuur'],
      Groningen: [],
    },
  };
}
