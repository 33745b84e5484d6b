import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export interface FieldProps {
  /** The control's id and name; the error summary links to `#id`. */
  readonly name: string;
  readonly label: ReactNode;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
}

/** The ids of the hint and the error message, for the control's aria-describedby. */
export function describedBy({ name, hint, error }: FieldProps): string | undefined {
  return (
    [hint ? `${name}-hint` : null, error ? `${name}-fout` : null].filter(Boolean).join(' ') ||
    undefined
  );
}

/**
 * The NL Design System form field layout: the label above the control, then the hint and
 * the error message, then the control (the GOV.UK order). The label, description and input
 * slots of FormField are blocks, so a select box or text area never sits beside its label.
 */
export function Field({
  name,
  label,
  hint,
  error,
  children,
}: FieldProps & { children: ReactNode }) {
  return (
    <FormField
      invalid={!!error}
      label={<FormLabel htmlFor={name}>{label}</FormLabel>}
      description={
        hint || error ? (
          <>
            {hint ? <FormFieldDescription id={`${name}-hint`}>{hint}</FormFieldDescription> : null}
            {error ? (
              <FormFieldErrorMessage id={`${name}-fout`}>{error}</FormFieldErrorMessage>
            ) : null}
          </>
        ) : undefined
      }
      input={children}
    />
  );
}

/** A labelled select box. */
export function SelectField(
  props: FieldProps & {
    readonly options: readonly { readonly value: string; readonly label: string }[];
    readonly defaultValue?: string | undefined;
  },
) {
  return (
    <Field {...props}>
      <Select
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        invalid={!!props.error}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </Field>
  );
}

/** A labelled text area. */
export function TextareaField(
  props: FieldProps & { readonly rows?: number; readonly defaultValue?: string | undefined },
) {
  return (
    <Field {...props}>
      <Textarea
        id={props.name}
        name={props.name}
        rows={props.rows}
        defaultValue={props.defaultValue}
        invalid={!!props.error}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}
