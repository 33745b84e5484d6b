/**
 * Inviting municipalities to a round, in two steps that work without JavaScript:
 * 1. choose municipalities by name or code, by province and/or all that have no invitation
 *    yet (a GET form: the choice is in the address);
 * 2. check the e-mail address of each (known ones are filled in) and send.
 * A typed list (`GM0363;beleid@amsterdam.nl` per line) stays for bulk use. Sending redirects
 * back here with a message (POST-redirect-GET), so a refresh sends nothing again.
 */
import {
  Button,
  ButtonLink,
  Checkbox,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/round-invite';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { FlashMessage } from '../components/flash-message';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  CandidateSelectionSchema,
  inviteMunicipalities,
  prepareInvitations,
} from '../lib/services.server';
import { formatCount, formatDate, listNames } from '../lib/format';
import { TableScroll } from '../components/table-scroll';
import { SelectField, TextareaField, TextField } from '../components/field';
import type { Params } from 'react-router';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.round.name),
  {
    label: 'Gemeenten uitnodigen',
    to: `/metingen/${encodeURIComponent(params.roundId ?? '')}/uitnodigen`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

/** The id of the table of chosen municipalities, where problems without a field point. */
const CHOSEN_TABLE = 'gekozen-gemeenten';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { flash, headers } = takeFlash(request, context);
  const search = new URL(request.url).searchParams;
  const selection = CandidateSelectionSchema.parse({
    names: search.get('namen') ?? '',
    provinceCode: search.get('provincie') || null,
    notInvited: search.get('alle') === 'ja',
  });
  const choice = await handleErrors(() =>
    prepareInvitations(context.db, session.user, params.roundId, selection),
  );
  const payload = {
    flash,
    // A new key after each success remounts the forms, so that with JavaScript (where the
    // page is not reloaded) they are emptied as well.
    formKey: flash ? crypto.randomUUID() : 'formulier',
    round: choice.round,
    back: `/metingen/${encodeURIComponent(choice.round.id)}`,
    self: `/metingen/${encodeURIComponent(choice.round.id)}/uitnodigen`,
    selection: {
      names: selection.names,
      provinceCode: selection.provinceCode ?? '',
      notInvited: selection.notInvited,
    },
    municipalities: choice.municipalities,
    provinces: choice.provinces,
    notInvited: choice.notInvited,
    problems: choice.problems.map((message) => ({ field: 'namen', message })),
    candidates: choice.candidates.map((candidate) => ({
      code: candidate.code,
      name: candidate.name,
      province: candidate.provinceName,
      email: candidate.knownEmail ?? ('email' in candidate.state ? candidate.state.email : ''),
      // Municipalities that have a good invitation are shown, but not chosen unless ticked.
      preselected: candidate.state.kind === 'none' || candidate.state.kind === 'expired',
      state:
        candidate.state.kind === 'none'
          ? 'nog niet uitgenodigd'
          : candidate.state.kind === 'valid'
            ? `uitgenodigd (${candidate.state.email}), geldig tot ${formatDate(candidate.state.expiresAt)}`
            : candidate.state.kind === 'expired'
              ? `uitnodiging aan ${candidate.state.email} verlopen`
              : `heeft een account (${candidate.state.email})`,
    })),
  };
  return data(payload, { headers });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/round-invite.tsx');
  const self = `/metingen/${encodeURIComponent(params.roundId)}/uitnodigen`;
  const contacts = String(form.get('contacts') ?? '');
  const chosen = form.getAll('kies').map(String);
  const emails = Object.fromEntries(
    [...form.entries()]
      .filter(([key]) => key.startsWith('email-'))
      .map(([key, value]) => [key.slice('email-'.length), String(value)]),
  );
  const result = await handleErrors(() =>
    inviteMunicipalities(context.db, context.mailer, session.user, {
      roundId: params.roundId,
      contacts:
        intent === 'invite'
          ? contacts
          : chosen.map((code) => ({ municipalityCode: code, email: emails[code] ?? '' })),
      links: context.links,
    }),
  );
  if (!result.ok) {
    const errors: FieldError[] = result.errors.map((error) => ({
      field:
        intent === 'invite'
          ? 'contacts'
          : error.municipalityCode
            ? `email-${error.municipalityCode}`
            : CHOSEN_TABLE,
      message: error.message,
    }));
    return data({ form: intent, errors, contacts, chosen, emails }, { status: 400 });
  }
  const names = [...new Set(result.invited.map((invitation) => invitation.municipality))];
  throw redirectWithFlash(
    self,
    {
      text:
        result.sent > 0
          ? `${formatCount(result.sent, 'uitnodiging', 'uitnodigingen')} verstuurd aan ${listNames(names)}.`
          : 'Er zijn geen uitnodigingen verstuurd.',
      details: result.skipped.map((skipped) => skipped.message),
    },
    context,
  );
}

export default function RoundInvite({ loaderData, actionData }: Route.ComponentProps) {
  const { round, selection, candidates } = loaderData;
  const chosenErrors = actionData?.form === 'invite-chosen' ? actionData.errors : [];
  const listErrors = actionData?.form === 'invite' ? actionData.errors : [];
  const errorFor = (field: string) => chosenErrors.find((e) => e.field === field)?.message;
  const isChosen = (code: string, preselected: boolean) =>
    actionData?.form === 'invite-chosen' ? actionData.chosen.includes(code) : preselected;
  return (
    <div className="bfm-stack">
      <Heading1>Gemeenten uitnodigen</Heading1>
      <Paragraph>
        Voor{' '}
        <Link className="utrecht-link" to={loaderData.back}>
          {round.name}
        </Link>
        . {formatCount(loaderData.notInvited, 'gemeente is', 'gemeenten zijn')} nog niet
        uitgenodigd.
      </Paragraph>
      <FlashMessage flash={loaderData.flash} />
      {round.synthetic ? (
        <Paragraph>
          Voor een synthetische demonstratiemeting worden geen uitnodigingen verstuurd.
        </Paragraph>
      ) : (
        <>
          <section aria-labelledby="kiezen" className="bfm-stack">
            <Heading2 id="kiezen">1. Kies de gemeenten</Heading2>
            <ErrorSummary errors={loaderData.problems} title="Niet alle namen zijn gevonden" />
            <Form method="get" className="bfm-form bfm-round-choose" key={loaderData.formKey}>
              <TextField
                name="namen"
                label="Op naam of CBS-code"
                hint="Eén of meer gemeenten, gescheiden door komma's. Bijvoorbeeld: Amsterdam, Skarsterlân, GM0014."
                error={
                  loaderData.problems.length > 0
                    ? 'Niet alle namen zijn gevonden; zie hierboven.'
                    : undefined
                }
                list="gemeentenamen"
                autoComplete="off"
                defaultValue={selection.names}
              />
              <datalist id="gemeentenamen">
                {loaderData.municipalities.map((m) => (
                  <option key={m.code} value={m.name} />
                ))}
              </datalist>
              <SelectField
                name="provincie"
                label="En/of alle gemeenten van een provincie"
                defaultValue={selection.provinceCode}
                options={[
                  { value: '', label: 'geen provincie' },
                  ...loaderData.provinces.map((p) => ({ value: p.code, label: p.name })),
                ]}
              />
              <FormField type="checkbox">
                <Checkbox id="alle" name="alle" value="ja" defaultChecked={selection.notInvited} />
                <FormLabel htmlFor="alle" type="checkbox">
                  En/of alle nog niet uitgenodigde gemeenten ({loaderData.notInvited})
                </FormLabel>
              </FormField>
              <Button type="submit" appearance="secondary-action-button">
                Gemeenten kiezen
              </Button>
            </Form>
          </section>
          {candidates.length > 0 ? (
            <section aria-labelledby="versturen" className="bfm-stack">
              <Heading2 id="versturen">2. Controleer de e-mailadressen en verstuur</Heading2>
              <ErrorSummary errors={chosenErrors} />
              <Paragraph>
                U koos {formatCount(candidates.length, 'gemeente', 'gemeenten')}. Vul voor elke
                aangevinkte gemeente het e-mailadres van de contactpersoon in; een bekend adres
                staat er al. Vink een gemeente uit om haar over te slaan. Een gemeente die voor
                hetzelfde adres al een geldige uitnodiging heeft, krijgt geen tweede.
              </Paragraph>
              <Form method="post" noValidate className="bfm-stack" key={loaderData.formKey}>
                <CsrfInput />
                <input type="hidden" name="intent" value="invite-chosen" />
                <TableScroll
                  id={CHOSEN_TABLE}
                  caption="Gekozen gemeenten met het adres voor de uitnodiging"
                >
                  <TableHeader>
                    <TableRow>
                      {/* The address right after the name: on a phone both fit. */}
                      <TableHeaderCell scope="col">Uitnodigen</TableHeaderCell>
                      <TableHeaderCell scope="col">E-mailadres</TableHeaderCell>
                      <TableHeaderCell scope="col">Nu</TableHeaderCell>
                      <TableHeaderCell scope="col">Provincie</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {candidates.map((candidate) => {
                      const error = errorFor(`email-${candidate.code}`);
                      return (
                        <TableRow key={candidate.code}>
                          <TableHeaderCell scope="row">
                            <FormField type="checkbox">
                              <Checkbox
                                id={`kies-${candidate.code}`}
                                name="kies"
                                value={candidate.code}
                                defaultChecked={isChosen(candidate.code, candidate.preselected)}
                              />
                              <FormLabel htmlFor={`kies-${candidate.code}`} type="checkbox">
                                {candidate.name}
                              </FormLabel>
                            </FormField>
                          </TableHeaderCell>
                          <TableCell>
                            <label
                              className="bfm-visually-hidden"
                              htmlFor={`email-${candidate.code}`}
                            >
                              E-mailadres van {candidate.name}
                            </label>
                            {error ? (
                              <FormFieldErrorMessage id={`email-${candidate.code}-fout`}>
                                {error}
                              </FormFieldErrorMessage>
                            ) : null}
                            <Textbox
                              id={`email-${candidate.code}`}
                              name={`email-${candidate.code}`}
                              type="email"
                              autoComplete="off"
                              defaultValue={
                                actionData?.form === 'invite-chosen'
                                  ? (actionData.emails[candidate.code] ?? '')
                                  : candidate.email
                              }
                              invalid={!!error}
                              aria-describedby={error ? `email-${candidate.code}-fout` : undefined}
                            />
                          </TableCell>
                          <TableCell>{candidate.state}</TableCell>
                          <TableCell>{candidate.province}</TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </TableScroll>
                <div className="bfm-actions">
                  <Button type="submit" appearance="primary-action-button">
                    Uitnodigingen versturen
                  </Button>
                  <ButtonLink href={loaderData.self} appearance="secondary-action-button">
                    Andere gemeenten kiezen
                  </ButtonLink>
                </div>
              </Form>
            </section>
          ) : null}
          <section aria-labelledby="lijst" className="bfm-stack">
            <Heading2 id="lijst">Of: een lijst plakken</Heading2>
            <ErrorSummary errors={listErrors} />
            <Form method="post" noValidate className="bfm-stack" key={loaderData.formKey}>
              <CsrfInput />
              <input type="hidden" name="intent" value="invite" />
              <TextareaField
                name="contacts"
                label="Contactpersonen"
                hint="Eén gemeente per regel: de gemeentecode en het e-mailadres, gescheiden door een puntkomma. Bijvoorbeeld: GM0363;beleid@amsterdam.nl"
                error={
                  listErrors.length > 0
                    ? `${formatCount(listErrors.length, 'regel klopt', 'regels kloppen')} niet; zie hierboven.`
                    : undefined
                }
                rows={6}
                defaultValue={actionData?.form === 'invite' ? actionData.contacts : ''}
              />
              <Button type="submit" appearance="primary-action-button">
                Uitnodigingen uit de lijst versturen
              </Button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}
