import type { Route } from './+types/public-data';
import { handleErrors } from '../lib/http.server';
import { loadOpenData, NotFoundError, writeOpenDataCsv } from '../lib/services.server';

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
  const name = `basisfunctiemonitor-${document.round.id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  if (file === 'data.csv')
    return new Response(writeOpenDataCsv(document), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
        'Cache-Control': cache,
      },
    });
  const body = file === 'metadata.json' ? document.metadata : document;
  return new Response(JSON.stringify(body, null, 2), {
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
