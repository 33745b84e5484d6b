/**
 * `bfm report`: the report of one municipality, or of every municipality of a round, as PDF.
 *
 * The web layer (the built app, Chromium) and the services are imported inside run(), not at
 * the top: the command table is loaded for every `bfm` call, help included (run-cli.ts).
 */
import { defineCommand, type CommandContext } from './command.ts';
import { CliUsageError } from './errors.ts';

/** A text progress bar: `[#######.............]  35% 154/441 Amsterdam`. */
export function formatProgressBar(done: number, total: number, label: string): string {
  const width = 24;
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  const percent = String(Math.floor(share * 100)).padStart(3);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total} ${label}`;
}

export const reportCommand = defineCommand({
  name: 'report',
  usage:
    '--round ID (--municipality CODE | --all --out MAP | --national [--html BESTAND]) [--pdf BESTAND]',
  summary: 'het rapport van een gemeente, van alle gemeenten of het landelijk rapport maken',
  details:
    'Het rapport zoals de gemeente het zelf ziet, als toegankelijke PDF (A4, met koppen, ' +
    'tabellen en paginanummers), gemaakt met Chromium. Met --all komen alle rapporten en een ' +
    'overzicht (rapporten.json) in de map; een tweede keer worden alleen de rapporten gemaakt ' +
    'waarvan de gegevens veranderd zijn. Chromium moet geïnstalleerd zijn ' +
    "('apt-get install chromium', of BFM_CHROMIUM met het pad van de browser). Met --national " +
    'het landelijk rapport van de meting (alle cijfers) als PDF en/of als HTML-bestand.',
  options: {
    round: {
      type: 'string',
      required: true,
      value: 'ID',
      description: "de meting, bijvoorbeeld demo-2009 (zie 'bfm rounds')",
    },
    municipality: {
      type: 'string',
      value: 'CODE',
      description: 'de gemeente, met of zonder GM, bijvoorbeeld GM0363 of 0363',
    },
    pdf: {
      type: 'string',
      value: 'BESTAND',
      description: 'het PDF-bestand voor één gemeente of voor het landelijk rapport',
    },
    all: { type: 'boolean', description: 'de rapporten van alle gemeenten van de meting maken' },
    out: { type: 'string', value: 'MAP', description: 'de map voor de rapporten van --all' },
    national: {
      type: 'boolean',
      description: 'het landelijk rapport van de meting maken (met --pdf en/of --html)',
    },
    html: {
      type: 'string',
      value: 'BESTAND',
      description: 'het HTML-bestand voor het landelijk rapport (met --national)',
    },
  },
  run: async ({ options }, context) => {
    if (options.national === true) return runNationalReport(options, context);
    if (options.html !== undefined)
      throw new CliUsageError('--html hoort bij --national: het landelijk rapport.');
    const one = options.municipality !== undefined;
    if (one === (options.all === true)) {
      throw new CliUsageError(
        'Kies --municipality CODE --pdf BESTAND voor één gemeente, --all --out MAP voor alle gemeenten, of --national --pdf BESTAND voor het landelijk rapport.',
      );
    }
    if (one && !options.pdf) {
      throw new CliUsageError('Geef met --pdf BESTAND aan waar de PDF moet komen.');
    }
    if (!one && !options.out) {
      throw new CliUsageError('Geef met --out MAP aan in welke map de rapporten moeten komen.');
    }
    if (one && options.out) throw new CliUsageError('--out hoort bij --all; gebruik --pdf.');
    if (!one && options.pdf)
      throw new CliUsageError('--pdf hoort bij --municipality; gebruik --out.');
    const roundId = options.round ?? '';
    return context.withDatabase(async ({ db }) => {
      const [{ createReportPrinter, findChromium }, service, folder] = await Promise.all([
        import('../web/report-pdf.ts'),
        import('../services/report-files-service.ts'),
        import('../services/report-folder.ts'),
      ]);
      const env = context.io.env;
      // Before any work: without Chromium there is no PDF, and the message says how to get one.
      findChromium(env);
      const printer = await createReportPrinter({ db, env });
      try {
        if (one) {
          const report = await printer.prepare(roundId, options.municipality ?? '');
          await folder.writeFileAtomically(options.pdf ?? '', await report.print());
          context.io.stdout(
            `Rapport van ${report.municipality.name} (GM${report.municipality.code}) geschreven naar ${options.pdf}.`,
          );
          return 0;
        }
        const out = options.out ?? '';
        const started = Date.now();
        const result = await service.renderReportBatch({
          roundId,
          municipalities: await service.listRoundMunicipalities(db, roundId),
          source: printer,
          store: await folder.createFolderReportStore(out, roundId),
          onProgress: (progress) => {
            const label = `${progress.municipality.name}${progress.error ? ' (mislukt)' : ''}`;
            if (context.io.progress)
              context.io.progress(formatProgressBar(progress.done, progress.total, label));
            else
              context.io.stdout(
                `${progress.done}/${progress.total} GM${progress.municipality.code} ${label}`,
              );
          },
        });
        if (context.io.progress) context.io.progress('');
        const seconds = Math.round((Date.now() - started) / 1000);
        context.io.stdout(
          `${result.total} rapporten in ${out}: ${result.rendered} gemaakt, ${result.skipped} ongewijzigd overgeslagen, ${result.failed} mislukt (${seconds} s).`,
        );
        for (const failure of result.failures)
          context.io.stderr(`GM${failure.code}: ${failure.error}`);
        return result.failed > 0 ? 1 : 0;
      } finally {
        await printer.close();
      }
    });
  },
});

/**
 * `bfm report --national`: the national report with every figure (the operator of `bfm` reads
 * the database itself), as PDF (--pdf) and/or as one self-contained HTML file (--html).
 */
async function runNationalReport(
  options: {
    readonly round?: string | undefined;
    readonly municipality?: string | undefined;
    readonly all?: boolean | undefined;
    readonly out?: string | undefined;
    readonly pdf?: string | undefined;
    readonly html?: string | undefined;
  },
  context: CommandContext,
): Promise<number> {
  if (options.municipality !== undefined || options.all === true || options.out !== undefined)
    throw new CliUsageError(
      '--national maakt het landelijk rapport; laat --municipality, --all en --out weg.',
    );
  if (!options.pdf && !options.html)
    throw new CliUsageError(
      'Geef met --pdf BESTAND en/of --html BESTAND aan waar het landelijk rapport moet komen.',
    );
  const roundId = options.round ?? '';
  return context.withDatabase(async ({ db }) => {
    const [web, pages, folder, rounds, pdf] = await Promise.all([
      import('../web/national-report-pdf.ts'),
      import('../web/page-renderer.ts'),
      import('../services/report-folder.ts'),
      import('../services/round-service.ts'),
      import('../web/report-pdf.ts'),
    ]);
    // An unknown round is told as such (with the rounds there are), before anything is rendered.
    await rounds.loadRound(db, roundId);
    // Before any work: without Chromium there is no PDF, and the message says how to get one.
    if (options.pdf) pdf.findChromium(context.io.env);
    const renderer = await pages.createPageRenderer(db);
    if (options.html) {
      const html = await web.renderNationalReportHtml(db, roundId, 'none', renderer);
      await folder.writeFileAtomically(options.html, html);
      context.io.stdout(`Landelijk rapport van ${roundId} (HTML) geschreven naar ${options.html}.`);
    }
    if (options.pdf) {
      const printer = web.createNationalReportPrinter({ db, env: context.io.env, renderer });
      try {
        const prepared = await printer.prepare(roundId, 'none');
        await folder.writeFileAtomically(options.pdf, await prepared.print());
      } finally {
        await printer.close();
      }
      context.io.stdout(`Landelijk rapport van ${roundId} (PDF) geschreven naar ${options.pdf}.`);
    }
    return 0;
  });
}
