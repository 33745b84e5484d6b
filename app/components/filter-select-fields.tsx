/**
 * The three filter fields of the analysis pages that choose their breakdown in a form of their
 * own (cross-table, trends): size class, group and province, named as in the address
 * (`grootte`, `groep`, `provincie`, src/domain/analysis-filter.ts).
 */
import { GROUPS, SIZE_CLASSES } from '../../src/domain/register';
import { SelectField } from './field';

export interface FilterSelectFieldsProps {
  readonly selected: {
    readonly sizeClass: string;
    readonly group: string;
    readonly province: string;
  };
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
  readonly errorFor?: (field: 'grootte' | 'groep' | 'provincie') => string | undefined;
}

export function FilterSelectFields({ selected, provinces, errorFor }: FilterSelectFieldsProps) {
  return (
    <>
      <SelectField
        name="grootte"
        label="Grootteklasse"
        error={errorFor?.('grootte')}
        defaultValue={selected.sizeClass}
        options={[
          { value: '', label: 'Alle grootteklassen' },
          ...SIZE_CLASSES.map((c) => ({ value: c.id, label: c.label })),
        ]}
      />
      <SelectField
        name="groep"
        label="Groep"
        error={errorFor?.('groep')}
        defaultValue={selected.group}
        options={[
          { value: '', label: 'Alle groepen' },
          ...GROUPS.map((g) => ({ value: g.id, label: g.label })),
        ]}
      />
      <SelectField
        name="provincie"
        label="Provincie"
        error={errorFor?.('provincie')}
        defaultValue={selected.province}
        options={[
          { value: '', label: 'Alle provincies' },
          ...provinces.map((p) => ({ value: p.code, label: p.name })),
        ]}
      />
    </>
  );
}
