/**
 * Answers as people read them: the label of the chosen scale point, the labels of the chosen
 * options, or the text. Used wherever an answer is shown rather than edited.
 */
export interface ItemShape {
  readonly number: number;
  readonly kind: 'scale' | 'single' | 'multiple' | 'open';
  readonly text: string;
  /** An explanation under the question (instrument versions after 2009). */
  readonly help?: string | undefined;
  readonly options?: readonly { code: string; label: string }[] | undefined;
}

export interface ScaleLabel {
  readonly points: number;
  readonly label: string;
}

export interface AnswerValue {
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
}

/** The answer's value in words, or 'geen antwoord'. */
export function describeValue(
  item: ItemShape,
  answer: AnswerValue | null | undefined,
  scale: readonly ScaleLabel[],
): string {
  if (!answer) return 'geen antwoord';
  if (item.kind === 'scale')
    return scale.find((point) => point.points === answer.points)?.label ?? 'geen antwoord';
  if (item.kind === 'open') return answer.text ? answer.text : 'geen antwoord';
  const labels = (answer.options ?? []).map(
    (code) => item.options?.find((option) => option.code === code)?.label ?? code,
  );
  return labels.length > 0 ? labels.join('; ') : 'geen antwoord';
}
