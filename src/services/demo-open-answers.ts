/**
 * The open answers of the demo as research material (issue 13): notes on a share of the scale
 * answers, and for demo-2009 two codebooks coded by two demo coders, with a few quotes for the
 * national report.
 *
 * Everything here is drawn with random generators of its own (never the stream that draws the
 * demo's points and options), so the demo's figures stay exactly what they were.
 *
 * The coders are two analyst accounts made for the demo only: disabled and without a usable
 * password (nobody logs in as them), because a coding must name its coder. The first coder
 * codes every answer as its sentences say; the second coder, who codes a day later, deviates on
 * about one answer in six (a theme missed, or one too many), so the agreement is realistic
 * rather than perfect. Their codings stay unsettled, so the first coder's count (decision 029).
 */
import { and, eq, sql } from 'drizzle-orm';
import { createRandom } from '../domain/random.ts';
import type { Transaction } from '../db/client.ts';
import { queryRows } from '../db/query.ts';
import { answerCodings, answerQuotes, codebookThemes, codebooks, users } from '../db/schema.ts';
import {
  composeDemoNote,
  DEMO_CODEBOOKS,
  DEMO_NOTE_SHARE,
  readDemoThemes,
} from './demo-open-texts.ts';
import { DEMO_CODER_EMAIL_DOMAIN } from './demo-round-id.ts';
import type { LoadedRound } from './round-service.ts';

/** The demo coders: analysts who exist only to have coded the demo's answers. */
export const DEMO_CODERS = [
  { email: `codeur-1${DEMO_CODER_EMAIL_DOMAIN}`, name: 'Demo-codeur 1 (synthetisch)' },
  { email: `codeur-2${DEMO_CODER_EMAIL_DOMAIN}`, name: 'Demo-codeur 2 (synthetisch)' },
] as const;

export const DEMO_CODER_EMAILS: readonly string[] = DEMO_CODERS.map((coder) => coder.email);

/** How many answers per demo codebook are marked as a quote for the national report. */
export const DEMO_QUOTES_PER_CODEBOOK = 2;

/**
 * Writes notes (toelichting) on about `DEMO_NOTE_SHARE` of the round's scale answers, chosen
 * with a generator of their own seeded per round.
 */
export async function addDemoNotes(
  tx: Transaction,
  loaded: Pick<LoadedRound, 'round' | 'instrument'>,
  seed: number,
): Promise<number> {
  const random = createRandom(seed);
  const rows = await queryRows<{
    municipality_code: string;
    questionnaire: string;
    question: number;
  }>(
    tx,
    sql`select municipality_code, questionnaire, question from answers
        where round_id = ${loaded.round.id} and points is not null
        order by municipality_code, questionnaire, question`,
  );
  const basisfunctieOf = new Map<string, string | null>();
  for (const questionnaire of loaded.instrument.questionnaires) {
    for (const item of questionnaire.items) {
      basisfunctieOf.set(`${questionnaire.id}:${item.number}`, item.basisfunctie ?? null);
    }
  }
  const codes: string[] = [];
  const questionnaires: string[] = [];
  const questions: number[] = [];
  const notes: string[] = [];
  for (const row of rows) {
    if (random() >= DEMO_NOTE_SHARE) continue;
    const question = Number(row.question);
    codes.push(row.municipality_code);
    questionnaires.push(row.questionnaire);
    questions.push(question);
    notes.push(
      composeDemoNote(random, basisfunctieOf.get(`${row.questionnaire}:${question}`) ?? null),
    );
  }
  if (notes.length === 0) return 0;
  await tx.execute(sql`
    update answers a set note = v.note
    from unnest(${sql.param(codes)}::text[], ${sql.param(questionnaires)}::text[],
                ${sql.param(questions)}::smallint[], ${sql.param(notes)}::text[])
         as v(municipality_code, questionnaire, question, note)
    where a.round_id = ${loaded.round.id} and a.municipality_code = v.municipality_code
      and a.questionnaire = v.questionnaire and a.question = v.question`);
  return notes.length;
}

/** The demo coders' accounts, made when missing (they outlive a rebuilt demo round). */
async function ensureDemoCoders(tx: Transaction): Promise<number[]> {
  const ids: number[] = [];
  for (const coder of DEMO_CODERS) {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, coder.email));
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const [created] = await tx
      .insert(users)
      .values({
        email: coder.email,
        name: coder.name,
        // Not a hash any password matches: nobody can log in as a demo coder.
        passwordHash: '!demo-coder',
        role: 'analyst',
        weeklyDigest: false,
        disabledAt: new Date('2010-01-01T00:00:00Z'),
      })
      .returning({ id: users.id });
    ids.push((created as { id: number }).id);
  }
  return ids;
}

/**
 * Adds the demo codebooks to a demo round: themes, two coders' codings of every answer, and
 * `DEMO_QUOTES_PER_CODEBOOK` quotes per codebook. Codebooks that exist are left alone.
 *
 * @returns the number of codebooks added
 */
export async function addDemoCodebooks(
  tx: Transaction,
  roundId: string,
  seed: number,
): Promise<number> {
  const random = createRandom(seed);
  const [first, second] = await ensureDemoCoders(tx);
  let added = 0;
  for (const demo of DEMO_CODEBOOKS) {
    const [existing] = await tx
      .select({ id: codebooks.id })
      .from(codebooks)
      .where(
        and(
          eq(codebooks.roundId, roundId),
          eq(codebooks.questionnaire, demo.questionnaire),
          eq(codebooks.question, demo.question),
          eq(codebooks.part, 'text'),
        ),
      );
    if (existing) continue;
    const [codebook] = await tx
      .insert(codebooks)
      .values({
        roundId,
        questionnaire: demo.questionnaire,
        question: demo.question,
        part: 'text',
        createdBy: first,
        createdAt: new Date('2010-03-01T09:00:00Z'),
        updatedAt: new Date('2010-03-01T09:00:00Z'),
      })
      .returning({ id: codebooks.id });
    const codebookId = (codebook as { id: number }).id;
    const themes = await tx
      .insert(codebookThemes)
      .values(
        demo.themes.map((theme, index) => ({
          codebookId,
          name: theme.name,
          description: theme.description,
          position: index + 1,
        })),
      )
      .returning({ id: codebookThemes.id, position: codebookThemes.position });
    const idOfKey = new Map(
      demo.themes.map((theme, index) => [
        theme.key,
        (themes.find((t) => t.position === index + 1) as { id: number }).id,
      ]),
    );
    const allIds = [...idOfKey.values()];

    const answers = await queryRows<{ municipality_code: string; text: string }>(
      tx,
      sql`select municipality_code, text from answers
          where round_id = ${roundId} and questionnaire = ${demo.questionnaire}
            and question = ${demo.question} and coalesce(trim(text), '') <> ''
          order by municipality_code`,
    );
    const firstCodedAt = new Date('2010-03-02T09:00:00Z');
    const secondCodedAt = new Date('2010-03-03T09:00:00Z');
    const rows: (typeof answerCodings.$inferInsert)[] = [];
    for (const answer of answers) {
      const truth = readDemoThemes(demo.questionnaire, demo.question, answer.text).map(
        (key) => idOfKey.get(key) as number,
      );
      rows.push({
        codebookId,
        municipalityCode: answer.municipality_code,
        coderId: first as number,
        themeIds: truth,
        codedAt: firstCodedAt,
        updatedAt: firstCodedAt,
      });
      let other = truth;
      const deviation = random();
      if (deviation < 0.08 && truth.length > 0) {
        // A theme missed.
        other = truth.filter((_, index) => index !== truth.length - 1);
      } else if (deviation < 0.17) {
        // A theme too many.
        const extra = allIds.filter((id) => !truth.includes(id));
        const pick = extra[Math.floor(random() * extra.length)];
        if (pick !== undefined) other = [...truth, pick];
      }
      rows.push({
        codebookId,
        municipalityCode: answer.municipality_code,
        coderId: second as number,
        themeIds: other,
        codedAt: secondCodedAt,
        updatedAt: secondCodedAt,
      });
    }
    if (rows.length > 0) await tx.insert(answerCodings).values(rows);

    // Quotes: answers made of two sentences read best in a report; otherwise any.
    const long = answers.filter((answer) => /\.\s/.test(answer.text));
    const pool = long.length >= DEMO_QUOTES_PER_CODEBOOK ? long : answers;
    const quoted = new Set<string>();
    while (quoted.size < Math.min(DEMO_QUOTES_PER_CODEBOOK, pool.length)) {
      quoted.add(
        (pool[Math.floor(random() * pool.length)] as { municipality_code: string })
          .municipality_code,
      );
    }
    if (quoted.size > 0) {
      await tx.insert(answerQuotes).values(
        [...quoted].map((municipalityCode) => ({
          roundId,
          questionnaire: demo.questionnaire,
          question: demo.question,
          part: 'text' as const,
          municipalityCode,
          markedBy: first,
          markedAt: new Date('2010-03-04T09:00:00Z'),
        })),
      );
    }
    added += 1;
  }
  return added;
}
