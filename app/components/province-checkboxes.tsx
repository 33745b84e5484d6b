import { CheckboxGroupField } from './field';

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
  return (
    <CheckboxGroupField
      name="provinces"
      label={legend}
      hint={hint}
      error={error}
      checked={checked}
      choices={provinces.map((province) => ({ value: province.code, label: province.name }))}
    />
  );
}
