/**
 * The body of a confirmation step (closing a round, blocking an account, …): what will happen,
 * then the button that does it and _Annuleren_; or, when there is nothing to confirm, a way
 * back. A page of its own, so it works without JavaScript.
 */
import { Button, ButtonLink, Heading1, Paragraph } from '@utrecht/component-library-react';
import { Form } from 'react-router';
import { CsrfInput } from './csrf-input';

export interface ConfirmationForm {
  readonly intent: string;
  readonly button: string;
  /** Further hidden fields posted with the intent. */
  readonly fields?: Readonly<Record<string, string>>;
}

export function Confirmation({
  title,
  explanation,
  form,
  back,
  backLabel,
}: {
  title: string;
  explanation: readonly string[];
  form: ConfirmationForm | null;
  back: string;
  /** The way back when there is nothing to confirm, e.g. 'Terug naar Accounts'. */
  backLabel: string;
}) {
  return (
    <div className="bfm-stack">
      <Heading1>{title}</Heading1>
      {explanation.map((sentence) => (
        <Paragraph key={sentence}>{sentence}</Paragraph>
      ))}
      {form ? (
        <Form method="post" className="bfm-actions">
          <CsrfInput />
          <input type="hidden" name="intent" value={form.intent} />
          {Object.entries(form.fields ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Button type="submit" appearance="primary-action-button">
            {form.button}
          </Button>
          <ButtonLink href={back} appearance="secondary-action-button">
            Annuleren
          </ButtonLink>
        </Form>
      ) : (
        <Paragraph>
          <ButtonLink href={back} appearance="secondary-action-button">
            {backLabel}
          </ButtonLink>
        </Paragraph>
      )}
    </div>
  );
}
