/**
 * A new comparison group (`/vergelijkingsgroepen/nieuw`) or a change to one of the user's own
 * (`/vergelijkingsgroepen/:setId`). One form for the three ways to compose a group: by size
 * class, by province, or by hand. Without JavaScript every part is on the page; the chosen way
 * decides which part counts. Municipalities by hand are checkboxes grouped per province in
 * disclosure widgets, so a phone shows twelve lines rather than 441 boxes, and a province with
 * chosen members opens by itself.
 */
import {
  Button,
  ButtonLink,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/peer-set';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, RadioGroupField, SelectField, TextField } from '../components/field';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, PEER_SETS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  MAX_MANUAL_MEMBERS,
  PEER_SET_KIND_LABELS,
  PEER_SET_KINDS,
  preparePeerSetForm,
  savePeerSetFromForm,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const NEW = 'nieuw';

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  PEER_SETS,
  params.setId === NEW
    ? { label: 'Nieuwe vergelijkingsgroep', to: '/vergelijkingsgroepen/nieuw' }
    : {
        label: data?.set ? `‘${data.set.name}’ wijzigen` : 'Vergelijkingsgroep wijzigen',
        to: `/vergelijkingsgroepen/${params.setId ?? ''}`,
      },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * The set's id from the address: null for a new set. Anything else that is no id becomes NaN,
 * which the service answers with 404 after its permission check (so a role without sets hears
 * 403 whatever it asks for).
 */
function readSetId(params: Params): number | null {
  if (params.setId === NEW) return null;
  return /^\d{1,9}$/.test(params.setId ?? '') ? Number(params.setId) : Number.NaN;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const id = readSetId(params);
  const options = await handleErrors(() => preparePeerSetForm(context.db, session.user, id));
  return {
    ...options,
    kinds: PEER_SET_KINDS.map((kind) => ({ value: kind, label: PEER_SET_KIND_LABELS[kind] })),
    maxMembers: MAX_MANUAL_MEMBERS,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/peer-set.tsx');
  const id = readSetId(params);
  const values = {
    name: String(form.get('name') ?? ''),
    kind: String(form.get('kind') ?? ''),
    sizeClass: String(form.get('sizeClass') ?? ''),
    province: String(form.get('province') ?? ''),
    members: form.getAll('members').map(String),
  };
  const result = await handleErrors(() =>
    savePeerSetFromForm(context.db, session.user, { ...values, ...(id === null ? {} : { id }) }),
  );
  if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
  throw redirectWithFlash(
    '/vergelijkingsgroepen',
    {
      text: result.created
        ? `De vergelijkingsgroep ‘${values.name.trim()}’ is aangemaakt.`
        : `De vergelijkingsgroep ‘${values.name.trim()}’ is opgeslagen.`,
    },
    context,
  );
}

export default function PeerSet({ loaderData, actionData }: Route.ComponentProps) {
  const { set, sizeClasses, provinces, kinds, maxMembers } = loaderData;
  const kindLabel = (kind: string) => kinds.find((k) => k.value === kind)?.label ?? kind;
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  // What the user typed wins over what is stored, so nothing is lost on an error.
  const values = actionData?.values ?? {
    name: set?.name ?? '',
    kind: set?.kind ?? '',
    sizeClass: set?.kind === 'size' ? (set.criterion ?? '') : '',
    province: set?.kind === 'province' ? (set.criterion ?? '') : '',
    members: set?.members ?? [],
  };
  const chosen = new Set(values.members);
  const membersError = errorFor('members');
  const membersHint = `Alleen bij ‘${kindLabel('manual')}’. Kies 1 tot ${maxMembers} gemeenten; open een provincie om haar gemeenten te zien.`;
  return (
    <div className="bfm-stack">
      <Heading1>{set ? `‘${set.name}’ wijzigen` : 'Nieuwe vergelijkingsgroep'}</Heading1>
      <Paragraph>
        Kies hoe u de groep samenstelt. Een groep op grootte of op provincie volgt de gemeenten van
        elke meting vanzelf; een groep die u zelf samenstelt, bevat precies de gemeenten die u
        aanvinkt.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="name"
          label="Naam"
          hint="Bijvoorbeeld: Buurgemeenten aan de kust."
          error={errorFor('name')}
          defaultValue={values.name}
        />
        <RadioGroupField
          name="kind"
          label="Hoe stelt u de groep samen?"
          error={errorFor('kind')}
          checked={[values.kind]}
          choices={kinds}
        />
        <SelectField
          name="sizeClass"
          label="Grootteklasse"
          hint={`Alleen bij ‘${kindLabel('size')}’.`}
          error={errorFor('sizeClass')}
          defaultValue={values.sizeClass}
          options={[
            { value: '', label: 'Kies een grootteklasse' },
            ...sizeClasses.map((c) => ({ value: c.id, label: c.label })),
          ]}
        />
        <SelectField
          name="province"
          label="Provincie"
          hint={`Alleen bij ‘${kindLabel('province')}’.`}
          error={errorFor('province')}
          defaultValue={values.province}
          options={[
            { value: '', label: 'Kies een provincie' },
            ...provinces.map((p) => ({ value: p.code, label: p.name })),
          ]}
        />
        <Fieldset
          id="members"
          tabIndex={-1}
          invalid={!!membersError}
          aria-describedby={describedBy({
            name: 'members',
            hint: membersHint,
            error: membersError,
          })}
        >
          <FieldsetLegend>Gemeenten</FieldsetLegend>
          <FormFieldDescription id="members-hint">{membersHint}</FormFieldDescription>
          {membersError ? (
            <FormFieldErrorMessage id="members-fout">{membersError}</FormFieldErrorMessage>
          ) : null}
          {provinces.map((province) => {
            const count = province.municipalities.filter((m) => chosen.has(m.code)).length;
            return (
              <details key={province.code} className="bfm-note" open={count > 0}>
                <summary>
                  {province.name} ({province.municipalities.length} gemeenten)
                </summary>
                <div className="bfm-checkbox-columns">
                  {province.municipalities.map((m) => (
                    <FormField key={m.code} type="checkbox">
                      <Checkbox
                        id={`members-${m.code}`}
                        name="members"
                        value={m.code}
                        defaultChecked={chosen.has(m.code)}
                        invalid={!!membersError}
                      />
                      <FormLabel htmlFor={`members-${m.code}`} type="checkbox">
                        {m.name}
                      </FormLabel>
                    </FormField>
                  ))}
                </div>
              </details>
            );
          })}
        </Fieldset>
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Vergelijkingsgroep opslaan
          </Button>
          <ButtonLink href="/vergelijkingsgroepen" appearance="secondary-action-button">
            Annuleren
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
