import { Button } from '@utrecht/component-library-react';
import { Form, Link } from 'react-router';
import type { FieldIssue } from '../../src/services/validation.ts';
import { ErrorSummary } from './error-summary';
import { SelectField, TextField } from './field';
import './audit-filters.css';

export interface AuditFiltersProps {
  /** The logboek's own address, without query. */
  readonly action: string;
  readonly persons: readonly { readonly id: number; readonly name: string }[];
  readonly questionnaires: readonly { readonly id: string; readonly name: string }[];
  /** The filters as typed, to show them again. */
  readonly query: {
    readonly wie: string;
    readonly vragenlijst: string;
    readonly van: string;
    readonly tot: string;
  };
  readonly filtered: boolean;
  readonly errors: readonly FieldIssue[];
}

/**
 * The logboek's filters as a GET form: it works without JavaScript and the filters stay in
 * the address (so a filtered view can be bookmarked or sent on). Filtering starts again at
 * the first page.
 */
export function AuditFilters({
  action,
  persons,
  questionnaires,
  query,
  filtered,
  errors,
}: AuditFiltersProps) {
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {/* The key renews the fields when the filters in the address change, so with JavaScript
          they too show the filters in use. */}
      <Form method="get" action={action} key={JSON.stringify(query)} noValidate>
        <div className="bfm-filters">
          <SelectField
            name="wie"
            label="Wie"
            options={[
              { value: '', label: 'Iedereen' },
              ...persons.map((p) => ({ value: String(p.id), label: p.name })),
            ]}
            defaultValue={query.wie}
            error={errorFor('wie')}
          />
          <SelectField
            name="vragenlijst"
            label="Vragenlijst"
            options={[
              { value: '', label: 'Alle vragenlijsten' },
              ...questionnaires.map((q) => ({ value: q.id, label: q.name })),
            ]}
            defaultValue={query.vragenlijst}
            error={errorFor('vragenlijst')}
          />
          <TextField
            name="van"
            label="Vanaf (dag-maand-jaar)"
            defaultValue={query.van}
            error={errorFor('van')}
            autoComplete="off"
          />
          <TextField
            name="tot"
            label="Tot en met (dag-maand-jaar)"
            defaultValue={query.tot}
            error={errorFor('tot')}
            autoComplete="off"
          />
          <div className="bfm-filters__actions">
            <Button type="submit" appearance="primary-action-button">
              Filteren
            </Button>
            {filtered ? (
              <Link className="utrecht-link" to={action}>
                Alle filters wissen
              </Link>
            ) : null}
          </div>
        </div>
      </Form>
    </>
  );
}
