/**
 * The preview of a questionnaire of an instrument version (`/instrumenten/:version/voorbeeld`),
 * as a municipality will see it: the same sections and item components as the questionnaire,
 * with nothing to save. Works for concept and frozen versions alike.
 */
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Route } from './+types/instrument-preview';
import { ItemField } from '../components/questionnaire/item-field';
import { handleErrors } from '../lib/http.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { findQuestionnaire, listSections, readInstrumentVersion } from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, version: string): Trail => [
  HOME,
  INSTRUMENTS,
  { label: `Versie ${version}`, to: `/instrumenten/${version}` },
  {
    label: `Voorbeeld${data ? `: ${data.questionnaire.name}` : ''}`,
    to: `/instrumenten/${version}/voorbeeld${data ? `?vragenlijst=${data.questionnaire.id}` : ''}`,
  },
];

export const handle = pageHandle<Data>((data, params) => trail(data, params.version ?? ''));

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params.version));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    const { instrument } = await readInstrumentVersion(context.db, session.user, params.version);
    const chosen =
      new URL(request.url).searchParams.get('vragenlijst') ?? instrument.questionnaires[0]?.id;
    const questionnaire = findQuestionnaire(instrument, chosen ?? '');
    return {
      version: instrument.version,
      versionName: instrument.name,
      questionnaires: instrument.questionnaires.map((q) => ({ id: q.id, name: q.name })),
      questionnaire: { id: questionnaire.id, name: questionnaire.name },
      scale: instrument.scale.map((point) => ({ points: point.points, label: point.label })),
      sections: listSections(questionnaire).map((section) => ({
        ...section,
        definition:
          questionnaire.basisfuncties.find((b) => b.id === section.id)?.definition ?? null,
      })),
    };
  });
}

export default function InstrumentPreview({ loaderData }: Route.ComponentProps) {
  const { questionnaire, sections, scale, version } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>
        Voorbeeld: {questionnaire.name} (versie {version})
      </Heading1>
      <Paragraph>
        Zo ziet een gemeente deze vragenlijst, met een pagina per basisfunctie. Dit is een
        voorbeeld: wat u hier invult, wordt niet opgeslagen.
      </Paragraph>
      {loaderData.questionnaires.length > 1 ? (
        <nav aria-label="Andere vragenlijst">
          <ul className="bfm-inline-list">
            {loaderData.questionnaires
              .filter((q) => q.id !== questionnaire.id)
              .map((q) => (
                <li key={q.id}>
                  <Link
                    className="utrecht-link"
                    to={`/instrumenten/${encodeURIComponent(version)}/voorbeeld?vragenlijst=${q.id}`}
                  >
                    Voorbeeld: {q.name}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`sectie-${section.id}`} className="bfm-stack">
          <Heading2 id={`sectie-${section.id}`}>{section.name}</Heading2>
          {section.definition ? <Paragraph>{section.definition}</Paragraph> : null}
          {section.items.map((item) => (
            <ItemField
              key={item.number}
              item={item}
              scale={scale}
              values={[]}
              note=""
              revision={0}
            />
          ))}
        </section>
      ))}
    </div>
  );
}
