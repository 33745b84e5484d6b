/** The text output of `bfm open-answers`: a heading, then one block per answer. */
import type { OpenAnswerListing } from '../services/open-answers/open-answer-listing.ts';

/** Formats the listing for the terminal. */
export function formatOpenAnswers(listing: OpenAnswerListing): string {
  const { question, answers } = listing;
  const what = question.part === 'note' ? 'Toelichtingen bij' : 'Open antwoorden op';
  const lines = [
    `${what} vraag ${question.number} (${question.questionnaire}): ${question.text}`,
    `${answers.length} ${answers.length === 1 ? 'antwoord' : 'antwoorden'}`,
  ];
  for (const answer of answers) {
    lines.push(
      '',
      `${answer.gemeentecode} ${answer.gemeente} (${answer.province}, ${answer.sizeClass})` +
        (answer.themes.length > 0 ? ` — thema's: ${answer.themes.join(', ')}` : ''),
      ...answer.text.split('\n').map((line) => `  ${line}`),
    );
  }
  return lines.join('\n');
}
