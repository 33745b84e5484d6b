import {
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';

export interface SelectFieldProps {
  readonly name: string;
  readonly label: string;
  /** The choices as [value, label]. */
  readonly options: readonly (readonly [string, string])[];
  readonly error?: string | undefined;
  readonly defaultValue?: string | undefined;
}

/**
 * A labelled select with an optional error message tied to it with aria-describedby, like
 * TextField. The id is the field's name, so the error summary can link to it.
 */
export function SelectField({ name, label, options, error, defaultValue }: SelectFieldProps) {
  return (
    <FormField invalid={!!error}>
      <FormLabel htmlFor={name}>{label}</FormLabel>
      {error ? <FormFieldErrorMessage id={`${name}-fout`}>{error}</FormFieldErrorMessage> : null}
      <Select
        id={name}
        name={name}
        defaultValue={defaultValue}
        invalid={!!error}
        aria-describedby={error ? `${name}-fout` : undefined}
      >
        {options.map(([value, text]) => (
          <SelectOption key={value} value={value}>
            {text}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}
