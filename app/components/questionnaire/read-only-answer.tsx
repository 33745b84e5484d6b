import { Heading3, Paragraph } from '@utrecht/component-library-react';
import { valueField } from '../../lib/questionnaire-form';
import { describeValue, type AnswerValue, type ItemShape, type ScaleLabel } from './answer-text';

/** An answer that cannot be changed (submitted, or the round is closed), shown as text. */
export function ReadOnlyAnswer({
  item,
  answer,
  scale,
}: {
  item: ItemShape;
  answer: (AnswerValue & { readonly note: string | null }) | null;
  scale: readonly ScaleLabel[];
}) {
  return (
    <section
      className="bfm-item"
      id={valueField(item.number)}
      aria-labelledby={`${valueField(item.number)}-vraag`}
    >
      <Heading3 id={`${valueField(item.number)}-vraag`} className="bfm-question">
        {item.number}. {item.text}
      </Heading3>
      <Paragraph>
        <span className="bfm-label">Antwoord:</span> {describeValue(item, answer, scale)}
      </Paragraph>
      {answer?.note ? (
        <Paragraph>
          <span className="bfm-label">Toelichting:</span> {answer.note}
        </Paragraph>
      ) : null}
    </section>
  );
}
