/**
 * Validation issues in one shape for every boundary (forms, the API, files): the field they
 * belong to and a Dutch message that says what to fix. Schemas give their own messages; where
 * one does not, the Dutch error map of src/config/zod-messages.ts speaks instead of zod's English.
 */
import type { z } from 'zod';
// Installs zod's Dutch messages for every schema in the process.
import '../config/zod-messages.ts';

/** One problem with one field of a form or request. */
export interface FieldIssue {
  /** The field's name; a dotted path for nested values (`answers.1.value`). */
  readonly field: string;
  readonly message: string;
}

/** The result of checking input: the value, or every problem found (nothing is done then). */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: FieldIssue[] };

export interface IssueOptions {
  /** Put before every field name: the part of the request the schema checked. */
  readonly prefix?: string;
  /** The field of issues about the input as a whole. */
  readonly fallbackField?: string;
  /**
   * Name only the top-level field: a form's checkbox group is one field, whichever of its
   * values is wrong. The API keeps the whole path so a client can find the element.
   */
  readonly flat?: boolean;
}

/**
 * The issues of a failed parse, one per field, in the order of the schema's fields. When a
 * field has several problems only the first is kept: a form shows one message per field.
 *
 * @example
 * toFieldIssues(LoginSchema.safeParse({}).error!); // [{ field: 'email', … }, { field: 'password', … }]
 */
export function toFieldIssues(error: z.ZodError, options: IssueOptions = {}): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = (options.flat ? issue.path.slice(0, 1) : issue.path).map(String).join('.');
    const field =
      [options.prefix, path].filter(Boolean).join('.') || options.fallbackField || '(invoer)';
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, message: issue.message });
  }
  return issues;
}

/**
 * Parses input with a schema into the value or the field issues.
 *
 * @example
 * const checked = checkInput(NewRoundFormSchema, form);
 * if (!checked.ok) return checked; // { ok: false, issues: [...] }
 */
export function checkInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options?: IssueOptions,
): Checked<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: toFieldIssues(parsed.error, options) };
}
