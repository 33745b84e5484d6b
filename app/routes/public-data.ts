import type { Route } from './+types/public-data';
import { handleErrors } from '../lib/http.server';
import {
  loadOpenData,
  NotFoundError,
  writeOpenDataCsv,
  type OpenDataDocument,
} from '../lib/services.server';

/**
 * The open data of a published round: `data.json` (every figure with its respondents and
 * whether it is suppressed), `data.csv` (the same figures in long format) and
 * `metadata.json` (DCAT, JSON-LD). Public and read-only; the format is in docs/open-data.md.
 * Links inside are built on the configured public address (context.links), never the Host.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const file = params.bestand;
  if (file !== 'data.json' && file !== 'data.csv' && file !== 'metadata.json')
    throw new Response('Dit bestand bestaat niet. Kies data.json, data.csv of metadata.json.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const document = await handleErrors(async () => {
    if (!params.roundId) throw new NotFoundError();
    return loadOpenData(context.db, context.links, params.roundId);
  });
  // Public aggregates of a closed round: a shared cache may keep them a little while.
  const cache = 'public, max-age=300';
  const name = `basisfunctiemonitor-${document.round.id.replace(/[^A-Za-z0-9._-]/g, '_')}${document.round.synthetic ? '-synthetisch' : ''}`;
  if (file === 'data.csv')
    return new Response(serialize(document, file), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
        'Cache-Control': cache,
      },
    });
  return new Response(serialize(document, file), {
    headers: {
      'Content-Type':
        file === 'metadata.json'
          ? 'application/ld+json; charset=utf-8'
          : 'application/json; charset=utf-8',
      'Content-Disposition': `inline; filename="${name}-${file}"`,
      'Cache-Control': cache,
      'Access-Control-Allow-Origin': '*',
    },
  });
}

/**
 * The file's text, made once per document: loadOpenData returns the same object while the
 * round's data is unchanged, so many readers share one serialisation.
 */
const serialized = new WeakMap<OpenDataDocument, Map<string, string>>();
function serialize(document: OpenDataDocument, file: 'data.json' | 'data.csv' | 'metadata.json') {
  const files = serialized.get(document) ?? new Map<string, string>();
  serialized.set(document, files);
  let text = files.get(file);
  if (text === undefined) {
    text =
      file === 'data.csv'
        ? writeOpenDataCsv(document)
        : JSON.stringify(file === 'metadata.json' ? document.metadata : document, null, 2);
    files.set(file, text);
  }
  return text;
}
