/**
 * The differences between an instrument version and the version it derives from
 * (`/instrumenten/:version/verschillen`): items added, removed and changed (old and new text,
 * options), and basisfuncties added, removed and changed. Items are matched by their mapping,
 * so renumbering alone is no difference.
 */
import {
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { Route } from './+types/instrument-diff';
import { TableScroll } from '../components/table-scroll';
import { handleErrors } from '../lib/http.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { diffInstruments, NotFoundError, readInstrumentVersion } from '../lib/services.server';

const trail = (version: string): Trail => [
  HOME,
  INSTRUMENTS,
  { label: `Versie ${version}`, to: `/instrumenten/${version}` },
  { label: 'Verschillen', to: `/instrumenten/${version}/verschillen` },
];

export const handle = pageHandle((_data, params) => trail(params.version ?? ''));

export function meta({ params }: Route.MetaArgs) {
  return pageMeta(trail(params.version));
}

const KIND_TEXT = { added: 'nieuw', removed: 'vervallen', changed: 'gewijzigd' } as const;

function optionsText(options: readonly { code: string; label: string }[] | undefined): string {
  return options?.map((o) => o.label).join('; ') ?? '';
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    const { instrument, earlier } = await readInstrumentVersion(
      context.db,
      session.user,
      params.version,
    );
    if (!earlier)
      throw new NotFoundError(
        `Versie ${instrument.version} is niet van een andere versie afgeleid, dus er is niets om mee te vergelijken.`,
      );
    return {
      version: instrument.version,
      earlier: earlier.version,
      questionnaires: diffInstruments(earlier, instrument).map((q) => ({
        id: q.id,
        name: q.name,
        unchanged: q.unchanged,
        basisfuncties: q.basisfuncties.map((b) => ({
          kind: b.kind,
          name: b.basisfunctie.name,
          before: b.before?.name ?? null,
          changes: b.changes,
        })),
        items: q.items.map((d) => ({
          kind: d.kind,
          number: d.kind === 'removed' ? null : d.item.number,
          before:
            d.kind === 'changed' ? d.before.number : d.kind === 'removed' ? d.item.number : null,
          oldText: d.kind === 'changed' ? d.before.text : d.kind === 'removed' ? d.item.text : '',
          newText: d.kind === 'removed' ? '' : d.item.text,
          oldOptions: d.kind === 'changed' ? optionsText(d.before.options) : '',
          newOptions: d.kind === 'changed' ? optionsText(d.item.options) : '',
          changes: d.kind === 'changed' ? d.changes : [],
        })),
      })),
    };
  });
}

export default function InstrumentDiff({ loaderData }: Route.ComponentProps) {
  const { version, earlier, questionnaires } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>
        Verschillen tussen versie {version} en versie {earlier}
      </Heading1>
      <Paragraph>
        Vragen die ongewijzigd zijn overgenomen staan hier niet. Een trend vergelijkt alleen vragen
        en basisfuncties die aan de vorige versie zijn gekoppeld; nieuwe vragen tellen pas mee vanaf
        de volgende meting.
      </Paragraph>
      {questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={`${q.id}-verschillen`} className="bfm-stack">
          <Heading2 id={`${q.id}-verschillen`}>{q.name}</Heading2>
          <Paragraph>
            {q.unchanged} vragen ongewijzigd, {q.items.filter((i) => i.kind === 'added').length}{' '}
            nieuw, {q.items.filter((i) => i.kind === 'changed').length} gewijzigd,{' '}
            {q.items.filter((i) => i.kind === 'removed').length} vervallen.
          </Paragraph>
          {q.basisfuncties.length > 0 ? (
            <>
              <Heading3>Basisfuncties</Heading3>
              <TableScroll caption={`Gewijzigde basisfuncties van ${q.name}`}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                    <TableHeaderCell scope="col">Verschil</TableHeaderCell>
                    <TableHeaderCell scope="col">In versie {earlier}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {q.basisfuncties.map((b) => (
                    <TableRow key={`${b.kind}-${b.name}`}>
                      <TableHeaderCell scope="row">{b.name}</TableHeaderCell>
                      <TableCell>
                        {KIND_TEXT[b.kind]}
                        {b.changes.length > 0 ? `: ${b.changes.join(', ')}` : ''}
                      </TableCell>
                      <TableCell>{b.before ?? '–'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </>
          ) : null}
          {q.items.length > 0 ? (
            <>
              <Heading3>Vragen</Heading3>
              <TableScroll caption={`Gewijzigde vragen van ${q.name}`}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                    <TableHeaderCell scope="col">Verschil</TableHeaderCell>
                    <TableHeaderCell scope="col">Tekst in versie {earlier}</TableHeaderCell>
                    <TableHeaderCell scope="col">Tekst in versie {version}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {q.items.map((item) => (
                    <TableRow key={`${item.kind}-${item.number ?? ''}-${item.before ?? ''}`}>
                      <TableHeaderCell scope="row">
                        {item.number !== null ? `${item.number}` : '–'}
                        {item.before !== null ? ` (was ${item.before})` : ''}
                      </TableHeaderCell>
                      <TableCell>
                        {KIND_TEXT[item.kind]}
                        {item.changes.length > 0 ? `: ${item.changes.join(', ')}` : ''}
                      </TableCell>
                      <TableCell>
                        {item.oldText || '–'}
                        {item.changes.includes('opties') ? (
                          <>
                            <br />
                            Opties: {item.oldOptions || 'geen'}
                          </>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {item.newText || '–'}
                        {item.changes.includes('opties') ? (
                          <>
                            <br />
                            Opties: {item.newOptions || 'geen'}
                          </>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}
