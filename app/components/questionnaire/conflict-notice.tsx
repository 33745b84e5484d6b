import { Button, Paragraph } from '@utrecht/component-library-react';
import { formatDateTime } from '../../lib/format';
import { choiceValue, CHOICE_FIELD, seenField } from '../../lib/questionnaire-form';
import { describeValue, type AnswerValue, type ItemShape, type ScaleLabel } from './answer-text';

export interface ConflictView {
  readonly question: number;
  /** The parts both changed: 'points', 'options', 'text' and/or 'note'. */
  readonly parts: readonly string[];
  readonly theirs: AnswerValue & {
    readonly note: string | null;
    readonly revision: number;
    readonly updatedAt: string | null;
    readonly updatedBy: string | null;
  };
  readonly mine: AnswerValue & { readonly note: string | null };
}

/**
 * A colleague changed the same part of this answer while the user was editing it. Shows both
 * versions of what both changed, and lets the user choose which stays; nothing is written
 * until they do. The parts only one of them changed are merged without asking.
 */
export function ConflictNotice({
  id,
  item,
  conflict,
  scale,
}: {
  id: string;
  item: ItemShape;
  conflict: ConflictView;
  scale: readonly ScaleLabel[];
}) {
  const who = conflict.theirs.updatedBy ?? 'Iemand anders';
  const valueChanged = conflict.parts.some((part) => part !== 'note');
  const noteChanged = conflict.parts.includes('note');
  return (
    <div id={id} className="bfm-conflict">
      <input type="hidden" name={seenField(item.number)} value={conflict.theirs.revision} />
      <Paragraph>
        <strong>
          {who} heeft{' '}
          {valueChanged && noteChanged
            ? 'dit antwoord en de toelichting'
            : noteChanged
              ? 'de toelichting'
              : 'dit antwoord'}{' '}
          gewijzigd terwijl u het invulde
          {conflict.theirs.updatedAt ? ` (${formatDateTime(conflict.theirs.updatedAt)})` : ''}.
        </strong>{' '}
        Kies welke versie blijft. Wat alleen u of alleen {who} veranderde, blijft hoe dan ook
        bewaard.
      </Paragraph>
      <dl className="bfm-conflict__versions">
        {valueChanged ? (
          <>
            <dt>Antwoord van {who}</dt>
            <dd>{describeValue(item, conflict.theirs, scale)}</dd>
            <dt>Uw antwoord</dt>
            <dd>{describeValue(item, conflict.mine, scale)}</dd>
          </>
        ) : null}
        {noteChanged ? (
          <>
            <dt>Toelichting van {who}</dt>
            <dd>{conflict.theirs.note || 'geen toelichting'}</dd>
            <dt>Uw toelichting</dt>
            <dd>{conflict.mine.note || 'geen toelichting'}</dd>
          </>
        ) : null}
      </dl>
      <div className="bfm-actions">
        <Button
          type="submit"
          name={CHOICE_FIELD}
          value={choiceValue('mine', item.number)}
          appearance="secondary-action-button"
        >
          Mijn antwoord bewaren<span className="bfm-visually-hidden"> (vraag {item.number})</span>
        </Button>
        <Button
          type="submit"
          name={CHOICE_FIELD}
          value={choiceValue('theirs', item.number)}
          appearance="secondary-action-button"
        >
          Neem dit antwoord over
          <span className="bfm-visually-hidden"> (vraag {item.number})</span>
        </Button>
      </div>
    </div>
  );
}
