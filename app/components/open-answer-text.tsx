import type { TextSegment } from '../../src/domain/open-answers.ts';

/**
 * An answer's text with the search words marked: built from segments as React text, never as
 * HTML, so an answer can never inject markup. Line breaks of the answer are kept by CSS.
 */
export function OpenAnswerText({ segments }: { readonly segments: readonly TextSegment[] }) {
  return (
    <p className="utrecht-paragraph bfm-open-answer-text">
      {segments.map((segment, index) =>
        segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
      )}
    </p>
  );
}
