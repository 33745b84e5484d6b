import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
} from '@utrecht/component-library-react';

/**
 * The twelve provinces as a group of checkboxes in a fieldset. The fieldset's id is
 * `provinces`, so the error summary can link to it.
 */
export function ProvinceCheckboxes({
  provinces,
  checked,
  legend,
  hint,
  error,
}: {
  provinces: readonly { code: string; name: string }[];
  checked: readonly string[];
  legend: string;
  hint?: string;
  error?: string | undefined;
}) {
  const describedBy =
    [hint ? 'provinces-hint' : null, error ? 'provinces-fout' : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <Fieldset id="provinces" tabIndex={-1} invalid={!!error} aria-describedby={describedBy}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {hint ? <FormFieldDescription id="provinces-hint">{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id="provinces-fout">{error}</FormFieldErrorMessage> : null}
      {provinces.map((province) => (
        <FormField key={province.code} type="checkbox">
          <Checkbox
            id={`provincie-${province.code}`}
            name="provinces"
            value={province.code}
            defaultChecked={checked.includes(province.code)}
          />
          <FormLabel htmlFor={`provincie-${province.code}`} type="checkbox">
            {province.name}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}
