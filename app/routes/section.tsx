import {
  Button,
  ButtonGroup,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  RadioButton,
  Textarea,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import {
  applyDraft,
  clearDraft,
  loadDraft,
  matchesForm,
  storeDraft,
  type BrowserDraft,
} from '../lib/browser-draft';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/section';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import {
  basePath,
  keyFromParams,
  loadForPage,
  readSubmittedItems,
} from '../lib/questionnaire.server';
import {
  getSession,
  handleErrors,
  PENDING_COOKIE,
  pendingCookie,
  readCookie,
  requireSession,
  verifyCsrf,
} from '../lib/session.server';
import type { Item } from '../../src/domain/instrument.ts';
import {
  STATUS_LABELS,
  UserInputError,
  keepPendingForm,
  listSections,
  saveAnswers,
  takePendingForm,
  toEntries,
} from '../lib/services.server';
import type { AnswerView } from '../../src/services/questionnaire-service.ts';
import { formatDateTime } from '../lib/format';
import type { Params } from 'react-router';
import {
  municipalityPath,
  pageHandle,
  pageMeta,
  questionnaireTrail,
  type Trail,
} from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...questionnaireTrail(params, { roundName: data?.roundName, municipality: data?.municipality }),
  {
    label: data?.section.name ?? 'Vragenlijst',
    to: `${municipalityPath(params)}/${params.questionnaire ?? ''}/${params.section ?? ''}`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

async function loadPage(
  request: Request,
  context: Route.LoaderArgs['context'],
  params: Route.LoaderArgs['params'],
) {
  const session = await requireSession(request, context);
  const key = keyFromParams(params);
  const page = await loadForPage(context, session, key);
  const sections = listSections(page.questionnaire);
  const index = sections.findIndex((section) => section.id === params.section);
  if (index < 0)
    throw data({ message: 'Dit onderdeel van de vragenlijst bestaat niet.' }, { status: 404 });
  return {
    session,
    key,
    page,
    sections,
    index,
    section: sections[index] as (typeof sections)[number],
  };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { session, key, page, sections, index, section } = await loadPage(request, context, params);
  const basisfunctie = page.questionnaire.basisfuncties.find((b) => b.id === section.id) ?? null;
  const url = new URL(request.url);
  // A form posted when the session had expired comes back here, once, after logging in.
  const pendingId = readCookie(request, PENDING_COOKIE);
  const pending = pendingId ? await takePendingForm(context.db, pendingId, url.pathname) : null;
  const restored = pending
    ? {
        typed: Object.fromEntries(
          section.items.map((item) => [
            item.number,
            {
              values: pending[`q-${item.number}`] ?? [],
              note: pending[`toelichting-${item.number}`]?.[0] ?? '',
            },
          ]),
        ),
        revisions: Object.fromEntries(
          section.items.map((item) => [
            item.number,
            Number(pending[`rev-${item.number}`]?.[0] ?? 0) || 0,
          ]),
        ),
      }
    : null;
  const headers = pendingId
    ? { 'Set-Cookie': pendingCookie(null, context.secureCookies) }
    : undefined;
  return data(
    {
      restored,
      base: basePath(key),
      questionnaire: { id: page.questionnaire.id, name: page.questionnaire.name },
      municipality: page.municipality.name,
      roundName: page.loaded.round.name,
      status: STATUS_LABELS[page.status],
      editable: page.editable,
      scale: page.loaded.instrument.scale.map((point) => ({
        points: point.points,
        label: point.label,
      })),
      section: { id: section.id, name: section.name, items: section.items },
      basisfunctie,
      progress: page.progress,
      previous: sections[index - 1]?.id ?? null,
      next: sections[index + 1]?.id ?? null,
      answers: Object.fromEntries(
        section.items.map((item) => [item.number, page.answers.get(item.number) ?? null]),
      ),
      saved: url.searchParams.get('opgeslagen'),
      // Per account and page, so that two colleagues on one computer never see each other's draft.
      draftKey: `bfm-concept:${session.user.id}:${url.pathname}`,
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  if (!(await getSession(request, context))) {
    // The session expired while the user was typing: keep the form, log in, come back to it.
    const path = new URL(request.url).pathname;
    const id = await keepPendingForm(context.db, path, toEntries(await request.formData()));
    throw redirect(`/inloggen?terug=${encodeURIComponent(path)}&verlopen=1`, {
      headers: id ? { 'Set-Cookie': pendingCookie(id, context.secureCookies) } : undefined,
    });
  }
  const { session, key, page, section, sections, index } = await loadPage(request, context, params);
  const form = await request.formData();
  verifyCsrf(form, session);
  const { typed, submitted: items } = readSubmittedItems(form, section.items);
  let result;
  try {
    result = await handleErrors(() => saveAnswers(context.db, session.user, key, items, page));
  } catch (error) {
    if (error instanceof UserInputError) {
      return data(
        {
          errors: [{ field: 'inhoud', message: error.message }],
          typed,
          conflicts: [],
          revisions: {},
        },
        { status: 409 },
      );
    }
    throw error;
  }
  if (!result.ok) {
    const errors: FieldError[] = result.errors.map((error) => ({
      field: `q-${error.question}`,
      message: error.message,
    }));
    return data({ errors, typed, conflicts: [], revisions: {} }, { status: 400 });
  }
  if (result.conflicts.length > 0) {
    return data(
      {
        errors: result.conflicts.map((conflict) => ({
          field: `q-${conflict.question}`,
          message: `Vraag ${conflict.question} is intussen door ${conflict.theirs.updatedBy ?? 'iemand anders'} gewijzigd. Kijk welk antwoord klopt en sla opnieuw op.`,
        })),
        typed,
        conflicts: result.conflicts,
        // The user has now seen the other value: saving again is a deliberate choice.
        revisions: Object.fromEntries(
          result.conflicts.map((conflict) => [conflict.question, conflict.theirs.revision]),
        ),
      },
      { status: 409 },
    );
  }
  const next = form.get('na') === 'verder' ? sections[index + 1]?.id : undefined;
  throw redirect(
    next
      ? `${basePath(key)}/${page.questionnaire.id}/${next}`
      : `${basePath(key)}/${page.questionnaire.id}/${section.id}?opgeslagen=${result.saved}`,
  );
}

function describeAnswer(
  item: Item,
  answer: AnswerView | null,
  scale: { points: number; label: string }[],
): string {
  if (!answer) return 'geen antwoord';
  if (item.kind === 'scale')
    return scale.find((p) => p.points === answer.points)?.label ?? 'geen antwoord';
  if (item.kind === 'open') return answer.text || 'geen antwoord';
  const labels = answer.options.map(
    (code) => item.options?.find((o) => o.code === code)?.label ?? code,
  );
  return labels.length > 0 ? labels.join('; ') : 'geen antwoord';
}

/**
 * With JavaScript, saves the page a moment after each change (autosave) and reports it in a
 * live region. A failed autosave changes nothing on the page: what is typed stays.
 */
function useAutosave(
  form: React.RefObject<HTMLFormElement | null>,
  enabled: boolean,
  shownConflicts: readonly number[],
  draftKey: string,
) {
  const [status, setStatus] = useState('');
  // Items in conflict are never autosaved: only an explicit Save may overwrite the other value.
  const blocked = useRef(new Set<number>());
  useEffect(() => {
    for (const question of shownConflicts) blocked.current.add(question);
  }, [shownConflicts]);
  useEffect(() => {
    const element = form.current;
    if (!element || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let queued = false;
    let running = false;
    // Counts changes, so a save clears the draft only if nothing changed while it ran.
    let changes = 0;
    const save = async () => {
      if (running) {
        queued = true;
        return;
      }
      running = true;
      const changesAtStart = changes;
      try {
        const body = new FormData(element);
        const items = [...body.keys()]
          .filter((name) => name.startsWith('rev-'))
          .map((name) => Number(name.slice(4)))
          .filter((question) => !blocked.current.has(question));
        body.set('items', items.join(','));
        const response = await fetch(`${window.location.pathname}/autosave`, {
          method: 'POST',
          body,
          headers: { Accept: 'application/json' },
        });
        const result = (await response.json()) as {
          ok: boolean;
          message?: string;
          saved?: number;
          conflicts?: number[];
          revisions?: Record<string, number>;
        };
        if (!result.ok) {
          setStatus(result.message ?? 'Niet automatisch opgeslagen. Klik op Opslaan.');
          return;
        }
        for (const question of result.conflicts ?? []) blocked.current.add(question);
        for (const [question, revision] of Object.entries(result.revisions ?? {})) {
          const input = element.elements.namedItem(`rev-${question}`);
          if (input instanceof HTMLInputElement) input.value = String(revision);
        }
        // Items in conflict are not saved yet: their typed value stays in the draft.
        if (blocked.current.size === 0 && changes === changesAtStart) clearDraft(draftKey);
        const time = new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
        setStatus(
          result.conflicts && result.conflicts.length > 0
            ? `Iemand anders heeft vraag ${result.conflicts.join(', ')} gewijzigd. Klik op Opslaan om beide antwoorden te zien.`
            : `Automatisch opgeslagen om ${time}.`,
        );
      } catch {
        setStatus(
          'Niet opgeslagen: geen verbinding. Wat u invulde blijft op deze pagina staan; klik straks op Opslaan.',
        );
      } finally {
        running = false;
        if (queued) {
          queued = false;
          void save();
        }
      }
    };
    const schedule = () => {
      changes += 1;
      storeDraft(draftKey, element);
      clearTimeout(timer);
      timer = setTimeout(() => void save(), 800);
    };
    // An explicit Save takes over: the pending autosave is dropped, and after it the
    // conflicts it showed are the user's to resolve with the next Save.
    const cancel = () => clearTimeout(timer);
    element.addEventListener('input', schedule);
    element.addEventListener('change', schedule);
    element.addEventListener('submit', cancel);
    return () => {
      clearTimeout(timer);
      element.removeEventListener('input', schedule);
      element.removeEventListener('change', schedule);
      element.removeEventListener('submit', cancel);
    };
  }, [form, enabled, draftKey]);
  return status;
}

/**
 * Offers a draft kept in this browser that differs from what the page shows: typed while the
 * connection was gone, or in a tab that was closed before it could be saved.
 */
function useBrowserDraft(
  form: React.RefObject<HTMLFormElement | null>,
  enabled: boolean,
  draftKey: string,
) {
  const [offer, setOffer] = useState<BrowserDraft | null>(null);
  useEffect(() => {
    const element = form.current;
    if (!element || !enabled) return;
    const draft = loadDraft(draftKey);
    if (!draft) return;
    if (matchesForm(draft, element)) clearDraft(draftKey);
    else setOffer(draft);
  }, [form, enabled, draftKey]);
  return {
    offer,
    restore() {
      const element = form.current;
      if (!element || !offer) return;
      applyDraft(offer, element);
      setOffer(null);
      // Saves the restored answers through autosave, as if they had just been typed.
      element.dispatchEvent(new Event('change', { bubbles: true }));
    },
    discard() {
      clearDraft(draftKey);
      setOffer(null);
    },
  };
}

export default function Section({ loaderData, actionData }: Route.ComponentProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const shownConflicts = (actionData?.conflicts ?? []).map((conflict) => conflict.question);
  const autosaveStatus = useAutosave(
    formRef,
    loaderData.editable,
    shownConflicts,
    loaderData.draftKey,
  );
  const draft = useBrowserDraft(formRef, loaderData.editable, loaderData.draftKey);
  const { section, editable, scale } = loaderData;
  const errors = actionData?.errors ?? [];
  const conflicts = new Map(
    (actionData?.conflicts ?? []).map((c) => [c.question, c.theirs as AnswerView]),
  );
  const errorFor = (n: number) => errors.find((e) => e.field === `q-${n}`)?.message;
  const stored = (n: number) => (loaderData.answers[n] ?? null) as AnswerView | null;
  // What the user typed wins over what is stored: after a failed save (actionData) or when a
  // form kept over an expired session comes back (restored).
  const restored = loaderData.restored;
  const typed = (actionData?.typed ?? restored?.typed) as
    Record<number, { values: string[]; note: string }> | undefined;
  const typedValues = (n: number): string[] | undefined => typed?.[n]?.values;
  const typedNote = (n: number): string | undefined => typed?.[n]?.note;
  const revisions = (actionData ? actionData.revisions : restored?.revisions) as
    Record<number, number> | undefined;
  const revision = (n: number) => revisions?.[n] ?? stored(n)?.revision ?? 0;
  const current = (item: Item): string[] => {
    const typed = typedValues(item.number);
    if (typed) return typed;
    const answer = stored(item.number);
    if (!answer) return [];
    if (item.kind === 'scale') return answer.points === null ? [] : [String(answer.points)];
    if (item.kind === 'open') return answer.text ? [answer.text] : [];
    return [...answer.options];
  };

  return (
    <div className="bfm-stack">
      <Paragraph>
        <Link className="utrecht-link" to={loaderData.base}>
          {loaderData.municipality} – {loaderData.roundName}
        </Link>{' '}
        · {loaderData.questionnaire.name} · status: {loaderData.status}
      </Paragraph>
      <Heading1>{section.name}</Heading1>
      {loaderData.basisfunctie ? (
        <>
          <Paragraph>
            <strong>Definitie:</strong> {loaderData.basisfunctie.definition}
          </Paragraph>
          <details>
            <summary>Toelichting en voorbeelden van activiteiten</summary>
            <Paragraph>{loaderData.basisfunctie.description}</Paragraph>
            <UnorderedList>
              {loaderData.basisfunctie.activities.map((activity) => (
                <UnorderedListItem key={activity}>{activity}</UnorderedListItem>
              ))}
            </UnorderedList>
          </details>
        </>
      ) : null}
      <nav aria-label="Voortgang per onderdeel">
        <UnorderedList className="bfm-progress">
          {loaderData.progress.map((p) => (
            <UnorderedListItem key={p.id}>
              {p.id === section.id ? (
                <strong aria-current="page">{p.name}</strong>
              ) : (
                <Link
                  className="utrecht-link"
                  to={`${loaderData.base}/${loaderData.questionnaire.id}/${p.id}`}
                >
                  {p.name}
                </Link>
              )}{' '}
              ({p.answered} van {p.total})
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </nav>
      {loaderData.saved !== null && errors.length === 0 ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>Uw antwoorden zijn opgeslagen.</Paragraph>
        </div>
      ) : null}
      {restored && !actionData ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <Paragraph>
            Uw sessie was verlopen. Wat u had ingevuld staat hieronder weer klaar, maar is nog niet
            opgeslagen: controleer het en klik op Opslaan.
          </Paragraph>
        </div>
      ) : null}
      {!editable ? (
        <Paragraph>
          Deze vragenlijst is niet te wijzigen: de meting is niet open of de vragenlijst is
          ingediend.
        </Paragraph>
      ) : null}
      <ErrorSummary
        errors={errors}
        title={
          conflicts.size > 0
            ? 'Iemand anders heeft intussen antwoorden gewijzigd'
            : 'Er is een probleem'
        }
      />
      {draft.offer ? (
        <section className="utrecht-alert utrecht-alert--warning" aria-labelledby="concept-titel">
          <Heading2 id="concept-titel">Niet opgeslagen antwoorden</Heading2>
          <Paragraph>
            In deze browser staan antwoorden voor deze pagina van{' '}
            {new Date(draft.offer.savedAt).toLocaleString('nl-NL', {
              dateStyle: 'short',
              timeStyle: 'short',
            })}{' '}
            die nog niet zijn opgeslagen, bijvoorbeeld omdat de verbinding wegviel. Zet ze terug om
            ze op te slaan, of gooi ze weg.
          </Paragraph>
          <div className="bfm-actions">
            <Button type="button" appearance="primary-action-button" onClick={draft.restore}>
              Antwoorden terugzetten
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={draft.discard}>
              Weggooien
            </Button>
          </div>
        </section>
      ) : null}
      <p role="status" aria-live="polite" className="bfm-autosave">
        {autosaveStatus}
      </p>
      <Form method="post" noValidate id="inhoud-formulier" ref={formRef}>
        <CsrfInput />
        {section.items.map((item) => {
          const error = errorFor(item.number);
          const conflict = conflicts.get(item.number);
          const values = current(item);
          const note = typedNote(item.number) ?? stored(item.number)?.note ?? '';
          const id = `q-${item.number}`;
          const errorId = `${id}-fout`;
          const conflictId = `${id}-conflict`;
          const describedBy =
            [error ? errorId : null, conflict ? conflictId : null].filter(Boolean).join(' ') ||
            undefined;
          const legend = `${item.number}. ${item.text}`;
          const conflictBlock = conflict ? (
            <div id={conflictId} className="bfm-conflict">
              <Paragraph>
                Opgeslagen door {conflict.updatedBy ?? 'iemand anders'}
                {conflict.updatedAt ? ` op ${formatDateTime(conflict.updatedAt)}` : ''}:{' '}
                <strong>{describeAnswer(item, conflict, scale)}</strong>
                {conflict.note ? ` (toelichting: ${conflict.note})` : ''}. Hieronder staat uw eigen
                antwoord nog ingevuld. Sla opnieuw op om uw antwoord te bewaren, of neem het andere
                antwoord over.
              </Paragraph>
            </div>
          ) : null;
          const errorBlock = error ? (
            <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>
          ) : null;
          let control;
          if (item.kind === 'scale' || item.kind === 'single') {
            const choices =
              item.kind === 'scale'
                ? scale.map((p) => ({ value: String(p.points), label: p.label }))
                : (item.options ?? []).map((o) => ({ value: o.code, label: o.label }));
            control = (
              <Fieldset id={id} tabIndex={-1} invalid={!!error} aria-describedby={describedBy}>
                <FieldsetLegend>{legend}</FieldsetLegend>
                {errorBlock}
                {conflictBlock}
                {choices.map((choice) => (
                  <FormField key={choice.value} type="radio">
                    <RadioButton
                      id={`${id}-${choice.value}`}
                      name={id}
                      value={choice.value}
                      defaultChecked={values.includes(choice.value)}
                      disabled={!editable}
                    />
                    <FormLabel htmlFor={`${id}-${choice.value}`} type="radio">
                      {choice.label}
                    </FormLabel>
                  </FormField>
                ))}
              </Fieldset>
            );
          } else if (item.kind === 'multiple') {
            control = (
              <Fieldset id={id} tabIndex={-1} invalid={!!error} aria-describedby={describedBy}>
                <FieldsetLegend>{legend}</FieldsetLegend>
                <FormFieldDescription>Kies alles wat van toepassing is.</FormFieldDescription>
                {errorBlock}
                {conflictBlock}
                {(item.options ?? []).map((option) => (
                  <FormField key={option.code} type="checkbox">
                    <Checkbox
                      id={`${id}-${option.code}`}
                      name={id}
                      value={option.code}
                      defaultChecked={values.includes(option.code)}
                      disabled={!editable}
                    />
                    <FormLabel htmlFor={`${id}-${option.code}`} type="checkbox">
                      {option.label}
                    </FormLabel>
                  </FormField>
                ))}
              </Fieldset>
            );
          } else {
            control = (
              <FormField invalid={!!error}>
                <FormLabel htmlFor={id}>{legend}</FormLabel>
                {errorBlock}
                {conflictBlock}
                <Textarea
                  id={id}
                  name={id}
                  defaultValue={values[0] ?? ''}
                  rows={4}
                  disabled={!editable}
                  aria-describedby={describedBy}
                />
              </FormField>
            );
          }
          return (
            <div key={item.number} className="bfm-item">
              <input type="hidden" name={`rev-${item.number}`} value={revision(item.number)} />
              {control}
              {item.kind !== 'open' ? (
                <FormField>
                  <FormLabel htmlFor={`toelichting-${item.number}`}>
                    Toelichting bij vraag {item.number} (niet verplicht)
                  </FormLabel>
                  <Textarea
                    id={`toelichting-${item.number}`}
                    name={`toelichting-${item.number}`}
                    defaultValue={note}
                    rows={2}
                    disabled={!editable}
                  />
                </FormField>
              ) : null}
            </div>
          );
        })}
        {editable ? (
          <ButtonGroup>
            <Button type="submit" name="na" value="blijf" appearance="secondary-action-button">
              Opslaan
            </Button>
            {loaderData.next ? (
              <Button type="submit" name="na" value="verder" appearance="primary-action-button">
                Opslaan en verder
              </Button>
            ) : null}
          </ButtonGroup>
        ) : null}
      </Form>
      <Heading2 className="bfm-visually-hidden">Navigatie</Heading2>
      <Paragraph>
        {loaderData.previous ? (
          <Link
            className="utrecht-link"
            to={`${loaderData.base}/${loaderData.questionnaire.id}/${loaderData.previous}`}
          >
            Vorig onderdeel
          </Link>
        ) : null}{' '}
        {loaderData.next ? (
          <Link
            className="utrecht-link"
            to={`${loaderData.base}/${loaderData.questionnaire.id}/${loaderData.next}`}
          >
            Volgend onderdeel
          </Link>
        ) : (
          <Link
            className="utrecht-link"
            to={`${loaderData.base}/${loaderData.questionnaire.id}/indienen`}
          >
            Naar controleren en indienen
          </Link>
        )}
      </Paragraph>
    </div>
  );
}
