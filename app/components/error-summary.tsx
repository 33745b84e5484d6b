import { Heading2, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';

export interface FieldError {
  /** The id of the field the message belongs to. */
  readonly field: string;
  readonly message: string;
  /** Where the link goes when the field is on another page (default `#field`). */
  readonly href?: string;
}

/**
 * The GOV.UK error-summary pattern: a list of problems at the top of the form, each linking to
 * its field. It takes focus when it appears (with JavaScript), and is announced as an alert.
 */
export function ErrorSummary({
  errors,
  title = 'Er is een probleem',
}: {
  errors: readonly FieldError[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      className="utrecht-alert utrecht-alert--error"
      role="alert"
      aria-labelledby="foutoverzicht-titel"
      tabIndex={-1}
    >
      <Heading2 id="foutoverzicht-titel">{title}</Heading2>
      <UnorderedList>
        {errors.map((error) => (
          <UnorderedListItem key={`${error.field}-${error.message}`}>
            <a className="utrecht-link" href={error.href ?? `#${error.field}`}>
              {error.message}
            </a>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </div>
  );
}
