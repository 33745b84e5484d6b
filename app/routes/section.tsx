/**
 * One page of a questionnaire: the items of one basisfunctie (or the general questions),
 * filled in by the municipality and its advisor, at the same time if they like. Saving
 * merges with what a colleague saved meanwhile; what both changed is shown as a conflict to
 * settle. Works without JavaScript; with it, the page saves itself as you go.
 */
import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/section';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import type { ConflictView } from '../components/questionnaire/conflict-notice';
import { ItemField } from '../components/questionnaire/item-field';
import { ReadOnlyAnswer } from '../components/questionnaire/read-only-answer';
import { useAutosave, type ProgressView } from '../hooks/use-autosave';
import { useBrowserDraft } from '../hooks/use-browser-draft';
import { formatDateTime } from '../lib/format';
import { readIntent } from '../lib/intents.server';
import {
  basePath,
  findSection,
  keyFromParams,
  loadForPage,
  saveSection,
  toConflictView,
  type TypedItem,
} from '../lib/questionnaire.server';
import {
  answerFieldValues,
  CONFIRM_ALL_FIELD,
  NEXT_FIELD,
  noteField,
  revisionField,
  valueField,
} from '../lib/questionnaire-form';
import {
  findRecentlyEndedSession,
  keepPendingForm,
  listMissingItems,
  listUnconfirmedItems,
  STATUS_LABELS,
  takePendingForm,
  toEntries,
} from '../lib/services.server';
import {
  getSession,
  PENDING_COOKIE,
  pendingCookie,
  readCookie,
  requireSession,
  sessionToken,
  verifyCsrf,
} from '../lib/session.server';
import type { AnswerView } from '../../src/services/questionnaire-service.ts';
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
  const found = findSection(page, params.section);
  if (!found)
    throw data({ message: 'Dit onderdeel van de vragenlijst bestaat niet.' }, { status: 404 });
  return { session, key, page, ...found };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { session, key, page, sections, index, section } = await loadPage(request, context, params);
  const basisfunctie = page.questionnaire.basisfuncties.find((b) => b.id === section.id) ?? null;
  const url = new URL(request.url);
  // A form posted when the session had expired comes back here, once, after logging in.
  const pendingId = readCookie(request, PENDING_COOKIE);
  const pending = pendingId
    ? await takePendingForm(context.db, {
        id: pendingId,
        userId: session.user.id,
        path: url.pathname,
      })
    : null;
  const restored = pending
    ? {
        typed: Object.fromEntries(
          section.items.map((item) => [
            item.number,
            {
              values: pending[valueField(item.number)] ?? [],
              note: pending[noteField(item.number)]?.[0] ?? '',
            },
          ]),
        ) as Record<number, TypedItem>,
        revisions: Object.fromEntries(
          section.items.map((item) => [
            item.number,
            Number(pending[revisionField(item.number)]?.[0] ?? 0) || 0,
          ]),
        ) as Record<number, number>,
      }
    : null;
  // Arriving from 'Controleren en indienen': each unanswered item says so where it stands.
  const onPage = (item: { number: number }) => section.items.some((i) => i.number === item.number);
  const check: FieldError[] = url.searchParams.has('controle')
    ? [
        ...listMissingItems(page)
          .filter(onPage)
          .map((item) => ({
            field: valueField(item.number),
            message: `Vraag ${item.number} is nog niet beantwoord. Kies een van de drie antwoorden.`,
          })),
        ...listUnconfirmedItems(page)
          .filter(onPage)
          .map((item) => ({
            field: valueField(item.number),
            message: `Vraag ${item.number} komt uit de vorige meting en is nog niet bevestigd. Vink ‘Klopt nog’ aan of kies een ander antwoord.`,
          })),
      ].sort((a, b) => a.field.localeCompare(b.field, 'nl', { numeric: true }))
    : [];
  const headers = pendingId
    ? { 'Set-Cookie': pendingCookie(null, context.secureCookies) }
    : undefined;
  return data(
    {
      restored,
      check,
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
      section: {
        id: section.id,
        name: section.name,
        items: section.items.map((item) => ({
          number: item.number,
          kind: item.kind,
          text: item.text,
          help: item.help,
          options: item.options?.map((o) => ({ code: o.code, label: o.label })),
        })),
      },
      basisfunctie,
      unconfirmed: section.items.filter((item) => page.answers.get(item.number)?.pending).length,
      progress: page.progress as readonly ProgressView[],
      previous: sections[index - 1]?.id ?? null,
      next: sections[index + 1]?.id ?? null,
      answers: Object.fromEntries(
        section.items.map((item) => [item.number, page.answers.get(item.number) ?? null]),
      ) as Record<number, AnswerView | null>,
      saved: url.searchParams.get('opgeslagen'),
      savedAt: url.searchParams.has('opgeslagen') ? new Date().toISOString() : null,
      // Per account and page, so that two colleagues on one computer never see each other's draft.
      draftKey: `bfm-concept:${session.user.id}:${url.pathname}`,
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  if (!(await getSession(request, context))) {
    // The session expired while the user was typing: keep the form, log in, come back to it.
    // Only for a real session that ended recently, kept for its own account: an anonymous or
    // forged request writes nothing.
    const path = new URL(request.url).pathname;
    const ended = await findRecentlyEndedSession(context.db, sessionToken(request));
    const id = ended
      ? await keepPendingForm(context.db, {
          userId: ended.userId,
          path,
          entries: toEntries(await request.formData()),
        })
      : null;
    // 'verlopen' makes the login page say the answers were kept: only when they were.
    throw redirect(`/inloggen?terug=${encodeURIComponent(path)}${id ? '&verlopen=1' : ''}`, {
      headers: id ? { 'Set-Cookie': pendingCookie(id, context.secureCookies) } : undefined,
    });
  }
  const { session, key, page, section, sections, index } = await loadPage(request, context, params);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/section.tsx');
  const saved = await saveSection(context, session, key, page, section.items, form);
  const { typed, revisions } = saved;
  if (saved.kind === 'refused')
    return data(
      {
        errors: [{ field: 'inhoud', message: saved.message }] as FieldError[],
        typed,
        revisions,
        conflicts: [] as ConflictView[],
        stored: {} as Record<number, AnswerView>,
      },
      { status: saved.status },
    );
  const { result } = saved;
  if (!result.ok)
    return data(
      {
        errors: result.errors.map((error) => ({
          field: valueField(error.question),
          message: error.message,
        })),
        typed,
        revisions,
        conflicts: [] as ConflictView[],
        stored: {} as Record<number, AnswerView>,
      },
      { status: 400 },
    );
  if (result.conflicts.length > 0)
    return data(
      {
        errors: result.conflicts.map((conflict) => ({
          field: valueField(conflict.question),
          message: `Vraag ${conflict.question}: ${conflict.theirs.updatedBy ?? 'iemand anders'} heeft dit intussen ook gewijzigd. Kies welk antwoord blijft.`,
        })),
        typed,
        // Items in conflict go on from the revision the user started from, so the choice is
        // merged against it; saved items from what is stored now.
        revisions,
        conflicts: result.conflicts.map(toConflictView),
        stored: Object.fromEntries(result.stored) as Record<number, AnswerView>,
      },
      { status: 409 },
    );
  const next = form.get(NEXT_FIELD) === 'verder' ? sections[index + 1]?.id : undefined;
  throw redirect(
    next
      ? `${basePath(key)}/${page.questionnaire.id}/${next}`
      : `${basePath(key)}/${page.questionnaire.id}/${section.id}?opgeslagen=${result.saved}`,
  );
}

type LoaderData = Route.ComponentProps['loaderData'];
type ActionData = Route.ComponentProps['actionData'];

interface ItemState {
  readonly values: readonly string[];
  readonly note: string;
  readonly revision: number;
}

/**
 * What each item shows: after a save that was refused or held conflicts, what the user typed
 * (and, for items that were saved, what is stored now, a colleague's merged changes included);
 * after an expired session, the form kept for them; otherwise what is stored.
 */
function itemStates(loaderData: LoaderData, actionData: ActionData): Map<number, ItemState> {
  const typed = actionData?.typed ?? loaderData.restored?.typed;
  const revisions = actionData?.revisions ?? loaderData.restored?.revisions;
  const storedAfterSave = actionData?.stored ?? {};
  const inConflict = new Set((actionData?.conflicts ?? []).map((c) => c.question));
  const states = new Map<number, ItemState>();
  for (const item of loaderData.section.items) {
    const stored = storedAfterSave[item.number];
    const own = typed?.[item.number];
    const loaded = loaderData.answers[item.number];
    if (stored && !inConflict.has(item.number))
      states.set(item.number, {
        values: answerFieldValues(item.kind, stored),
        note: stored.note,
        revision: stored.revision,
      });
    else if (own)
      states.set(item.number, {
        values: own.values,
        note: own.note,
        revision: revisions?.[item.number] ?? loaded?.revision ?? 0,
      });
    else
      states.set(item.number, {
        values: loaded ? answerFieldValues(item.kind, loaded) : [],
        note: loaded?.note ?? '',
        revision: loaded?.revision ?? 0,
      });
  }
  return states;
}

/** A short fingerprint of what the form shows, so it is rebuilt when that changes. */
function fingerprint(states: ReadonlyMap<number, ItemState>): string {
  let hash = 5381;
  for (const char of JSON.stringify([...states])) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}

export default function Section({ loaderData, actionData }: Route.ComponentProps) {
  const states = useMemo(() => itemStates(loaderData, actionData), [loaderData, actionData]);
  // The form's fields are uncontrolled: after a save or a conflict the page is rebuilt from the
  // new state, so no field shows a value other than the one the next save starts from.
  return (
    <SectionPage
      key={fingerprint(states)}
      loaderData={loaderData}
      actionData={actionData}
      states={states}
    />
  );
}

function progressText(p: ProgressView): string {
  if (p.total > 0) return `${p.answered} van ${p.total} vragen beantwoord`;
  return p.optionalAnswered > 0 ? 'beantwoord (niet verplicht)' : 'niet verplicht';
}

function SectionPage({
  loaderData,
  actionData,
  states,
}: {
  loaderData: LoaderData;
  actionData: ActionData;
  states: ReadonlyMap<number, ItemState>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [conflicts, setConflicts] = useState<readonly ConflictView[]>(
    (actionData?.conflicts ?? []) as readonly ConflictView[],
  );
  const [progress, setProgress] = useState<readonly ProgressView[]>(loaderData.progress);
  // Prefilled answers confirmed by autosave since the page loaded: their tag goes away at once.
  const [confirmedNow, setConfirmedNow] = useState<ReadonlySet<number>>(new Set());
  const autosaveStatus = useAutosave(formRef, {
    enabled: loaderData.editable,
    draftKey: loaderData.draftKey,
    blocked: useMemo(() => conflicts.map((c) => c.question), [conflicts]),
    onConflicts: (found) =>
      setConflicts((shown) => [
        ...shown.filter((c) => !found.some((f) => f.question === c.question)),
        ...found,
      ]),
    onProgress: setProgress,
    onStored: (stored) =>
      setConfirmedNow((shown) => {
        const confirmed = Object.entries(stored)
          .filter(([, item]) => item.pending === false)
          .map(([question]) => Number(question));
        return confirmed.length === 0 ? shown : new Set([...shown, ...confirmed]);
      }),
  });
  const draft = useBrowserDraft(formRef, {
    enabled: loaderData.editable,
    draftKey: loaderData.draftKey,
    justSaved: loaderData.saved !== null && !actionData,
  });
  // A link to one item (from 'Controleren en indienen') lands on it: focus follows the scroll.
  useEffect(() => {
    const target = window.location.hash
      ? document.getElementById(window.location.hash.slice(1))
      : null;
    target?.focus();
  }, []);
  const { section, editable, scale } = loaderData;
  const errors: readonly FieldError[] = actionData?.errors ?? loaderData.check;
  const errorFor = (question: number) =>
    errors.find((error) => error.field === valueField(question))?.message;
  const conflictFor = (question: number) => conflicts.find((c) => c.question === question);
  const pagePath = (id: string) => `${loaderData.base}/${loaderData.questionnaire.id}/${id}`;

  return (
    <div className="bfm-stack">
      <Paragraph>
        {loaderData.municipality} · {loaderData.questionnaire.name} · status: {loaderData.status}
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
          {progress.map((p) => (
            <UnorderedListItem key={p.id}>
              {p.id === section.id ? (
                <strong aria-current="page">{p.name}</strong>
              ) : (
                <Link className="utrecht-link" to={pagePath(p.id)}>
                  {p.name}
                </Link>
              )}{' '}
              ({progressText(p)})
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </nav>
      {loaderData.saved !== null && !actionData ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>
            Uw antwoorden zijn opgeslagen
            {loaderData.savedAt ? ` (${formatDateTime(loaderData.savedAt)})` : ''}.
          </Paragraph>
        </div>
      ) : null}
      {loaderData.restored && !actionData ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <Paragraph>
            Uw sessie was verlopen. Wat u had ingevuld staat hieronder weer klaar, maar is nog niet
            opgeslagen: controleer het en klik op Opslaan.
          </Paragraph>
        </div>
      ) : null}
      {editable && loaderData.unconfirmed > 0 ? (
        <Paragraph>
          {loaderData.unconfirmed === 1
            ? '1 antwoord op deze pagina komt uit de vorige meting'
            : `${loaderData.unconfirmed} antwoorden op deze pagina komen uit de vorige meting`}{' '}
          (gemarkeerd met ‘vorige meting’). Controleer ze: vink ‘Klopt nog’ aan als het antwoord nog
          klopt, of kies een ander antwoord. Ze tellen pas mee als ze bevestigd zijn.
        </Paragraph>
      ) : null}
      {!editable ? (
        <Paragraph>
          Deze vragenlijst is niet te wijzigen: de meting is niet open of de vragenlijst is
          ingediend. Hieronder staan de antwoorden.
        </Paragraph>
      ) : null}
      <ErrorSummary
        errors={errors}
        title={
          actionData?.conflicts.length
            ? 'Iemand anders heeft intussen dezelfde antwoorden gewijzigd'
            : loaderData.check.length > 0 && !actionData
              ? 'Nog niet beantwoord'
              : 'Er is een probleem'
        }
      />
      {draft.offer ? (
        <section className="utrecht-alert utrecht-alert--warning" aria-labelledby="concept-titel">
          <Heading2 id="concept-titel">Niet opgeslagen antwoorden</Heading2>
          <Paragraph>
            In deze browser staan antwoorden voor deze pagina van{' '}
            {formatDateTime(draft.offer.savedAt)} die nog niet zijn opgeslagen, bijvoorbeeld omdat
            de verbinding wegviel. Zet ze terug om ze op te slaan, of gooi ze weg.
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
      {editable ? (
        <>
          <p role="status" aria-live="polite" className="bfm-autosave">
            {autosaveStatus}
          </p>
          <Form method="post" noValidate id="inhoud-formulier" ref={formRef}>
            <CsrfInput />
            {section.items.map((item) => {
              const state = states.get(item.number) as ItemState;
              // After a save, what is stored now tells whether the answer is still unconfirmed.
              const shown = actionData?.stored[item.number] ?? loaderData.answers[item.number];
              return (
                <ItemField
                  prefilledFrom={
                    shown?.pending && !confirmedNow.has(item.number) ? shown.prefilledFrom : null
                  }
                  key={item.number}
                  item={item}
                  scale={scale}
                  values={state.values}
                  note={state.note}
                  revision={state.revision}
                  error={errorFor(item.number)}
                  conflict={conflictFor(item.number)}
                />
              );
            })}
            <ButtonGroup>
              <Button
                type="submit"
                name={NEXT_FIELD}
                value="blijf"
                appearance="secondary-action-button"
              >
                Opslaan
              </Button>
              {section.items.some(
                (item) =>
                  (actionData?.stored[item.number] ?? loaderData.answers[item.number])?.pending,
              ) ? (
                <Button
                  type="submit"
                  name={CONFIRM_ALL_FIELD}
                  value="ja"
                  appearance="secondary-action-button"
                >
                  Alle vooraf ingevulde antwoorden in dit onderdeel bevestigen
                </Button>
              ) : null}
              {loaderData.next ? (
                <Button
                  type="submit"
                  name={NEXT_FIELD}
                  value="verder"
                  appearance="primary-action-button"
                >
                  Opslaan en verder
                </Button>
              ) : null}
            </ButtonGroup>
          </Form>
        </>
      ) : (
        <div>
          {section.items.map((item) => {
            const answer = loaderData.answers[item.number];
            return (
              <div key={item.number}>
                <ReadOnlyAnswer
                  item={item}
                  scale={scale}
                  answer={
                    answer
                      ? {
                          points: answer.points,
                          options: answer.options,
                          text: answer.text,
                          note: answer.note,
                        }
                      : null
                  }
                />
                {answer?.pending ? (
                  <Paragraph className="bfm-prefilled">
                    <span className="bfm-tag">vorige meting</span> Dit antwoord komt uit de vorige
                    meting ({answer.prefilledFrom}) en is niet bevestigd; het telt niet mee.
                  </Paragraph>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
      <nav aria-label="Onderdelen">
        <Paragraph className="bfm-actions">
          {loaderData.previous ? (
            <Link className="utrecht-link" to={pagePath(loaderData.previous)}>
              Vorig onderdeel
            </Link>
          ) : null}
          {loaderData.next ? (
            <Link className="utrecht-link" to={pagePath(loaderData.next)}>
              Volgend onderdeel
            </Link>
          ) : (
            <Link className="utrecht-link" to={pagePath('indienen')}>
              Naar controleren en indienen
            </Link>
          )}
        </Paragraph>
      </nav>
    </div>
  );
}
