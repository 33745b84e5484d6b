import { Textbox } from '@utrecht/component-library-react';
import { describedBy, Field, type FieldProps } from './field';

export interface TextFieldProps extends FieldProps {
  readonly label: string;
  readonly type?: string;
  readonly defaultValue?: string | undefined;
  readonly autoComplete?: string | undefined;
}

/**
 * A labelled text box with an optional hint and error message, both tied to the box with
 * aria-describedby (the GOV.UK / NL Design System pattern). The id is the field's name, so
 * the error summary can link to it.
 */
export function TextField(props: TextFieldProps) {
  const { name, type = 'text', error, defaultValue, autoComplete } = props;
  return (
    <Field {...props}>
      <Textbox
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        invalid={!!error}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}
