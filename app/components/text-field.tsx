import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';

export interface TextFieldProps {
  readonly name: string;
  readonly label: string;
  readonly type?: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly defaultValue?: string | undefined;
  readonly autoComplete?: string | undefined;
}

/**
 * A labelled text box with an optional hint and error message, both tied to the box with
 * aria-describedby (the GOV.UK / NL Design System pattern). The id is the field's name, so
 * the error summary can link to it.
 */
export function TextField({
  name,
  label,
  type = 'text',
  hint,
  error,
  defaultValue,
  autoComplete,
}: TextFieldProps) {
  const describedBy =
    [hint ? `${name}-hint` : null, error ? `${name}-fout` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <FormField invalid={!!error}>
      <FormLabel htmlFor={name}>{label}</FormLabel>
      {hint ? <FormFieldDescription id={`${name}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${name}-fout`}>{error}</FormFieldErrorMessage> : null}
      <Textbox
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        invalid={!!error}
        aria-describedby={describedBy}
      />
    </FormField>
  );
}
