/**
 * The national analysis as Dutch text tables, in the order of the 2009 report.
 */
import type { Breakdown, CrossTabResult } from '../domain/analysis.ts';
import type { Instrument } from '../domain/instrument.ts';
import type { NationalAnalysis } from '../services/analysis-service.ts';
import { formatNumber, formatPercent, renderTable } from './text-table.ts';

const SYNTHETIC_BANNER =
  '*** SYNTHETISCHE GEGEVENS: deze meting is verzonnen voor demonstratie en zegt niets over echte gemeenten. ***';

function basisfunctieName(instrument: Instrument, questionnaire: string, id: string): string {
  return (
    instrument.questionnaires
      .find((q) => q.id === questionnaire)
      ?.basisfuncties.find((b) => b.id === id)?.name ?? id
  );
}

function breakdownTable(
  title: string,
  breakdowns: readonly Breakdown[],
  analysis: NationalAnalysis,
  instrument: Instrument,
): string {
  const header = ['basisfunctie', ...breakdowns.map((b) => b.label)];
  const rows = analysis.basisfuncties.map((total) => [
    `${basisfunctieName(instrument, total.questionnaire, total.basisfunctie)}`,
    ...breakdowns.map((breakdown) => {
      const share = breakdown.basisfuncties.find(
        (b) => b.questionnaire === total.questionnaire && b.basisfunctie === total.basisfunctie,
      );
      return share && share.respondents > 0
        ? `${formatPercent(share.percentGoed, 0)} (${share.respondents})`
        : '–';
    }),
  ]);
  const counts = breakdowns.map((b) => `${b.municipalities}`);
  return `${title}\n${renderTable(header, [['gemeenten in register', ...counts], ...rows])}`;
}

/** Renders the whole analysis as text. */
export function formatAnalysis(analysis: NationalAnalysis, instrument: Instrument): string {
  const out: string[] = [];
  const q = instrument.questionnaires.map((questionnaire) => questionnaire.id);
  if (analysis.synthetic) out.push(SYNTHETIC_BANNER, '');
  out.push(
    `Landelijke analyse – ${analysis.roundName} (meting ${analysis.round}, instrument ${analysis.instrumentVersion})`,
  );
  out.push(`Register: ${analysis.register.name}.`);
  out.push('');

  const total = analysis.respondents.municipalities;
  out.push(
    `Respons\n${renderTable(
      ['', 'gemeenten', '% van register'],
      [
        ['gemeenten in register', String(total), '100%'],
        ...q.map((id) => [
          `vragenlijst ${id}`,
          String(analysis.respondents[id] ?? 0),
          formatPercent(((analysis.respondents[id] ?? 0) / total) * 100, 0),
        ]),
        [
          'beide vragenlijsten',
          String(analysis.respondents.both),
          formatPercent((analysis.respondents.both / total) * 100, 0),
        ],
      ],
    )}`,
  );
  out.push('');

  out.push(
    `Percentage gemeenten dat de basisfunctie goed voor elkaar heeft (cijfer 6 of hoger)\n${renderTable(
      [
        'vragenlijst',
        'basisfunctie',
        'met cijfer',
        'goed',
        '% goed',
        'gem. cijfer',
        'onvoldoende beantwoord',
      ],
      analysis.basisfuncties.map((b) => [
        b.questionnaire,
        `${b.name}${b.official ? '' : ' (telt niet mee in aantal)'}`,
        String(b.respondents),
        String(b.goed),
        formatPercent(b.percentGoed),
        formatNumber(b.meanMark),
        String(b.insufficient),
      ]),
      { alignRight: [2, 3, 4, 5, 6] },
    )}`,
  );
  out.push('');

  const populationNote = analysis.register.populationDate
    ? ` Grootteklasse naar inwonertal op ${analysis.register.populationDate} (CBS); gemeenten zonder inwonertal staan onder 'grootte onbekend'.`
    : '';
  out.push(
    breakdownTable(
      `Naar gemeentegrootte: % goed (aantal gemeenten met cijfer).${populationNote}`,
      analysis.bySizeClass,
      analysis,
      instrument,
    ),
  );
  out.push('');
  out.push(
    breakdownTable(
      'Naar G4, G27 en overige gemeenten: % goed (aantal gemeenten met cijfer)',
      analysis.byGroup,
      analysis,
      instrument,
    ),
  );
  out.push('');
  out.push(
    breakdownTable(
      'Per provincie: % goed (aantal gemeenten met cijfer)',
      analysis.byProvince,
      analysis,
      instrument,
    ),
  );
  out.push('');

  for (const id of q) {
    const counts = analysis.countGoed[id] ?? [];
    const respondents = counts.reduce((a, b) => a + b, 0);
    out.push(
      `Aantal basisfuncties ${id} goed voor elkaar\n${renderTable(
        ['aantal basisfuncties goed', 'gemeenten', 'percentage'],
        [
          ...counts.map((count, n) => [
            n === 0 ? 'geen basisfunctie' : n === counts.length - 1 ? `${n} (allemaal)` : String(n),
            String(count),
            formatPercent(respondents ? (count / respondents) * 100 : null, 0),
          ]),
          ['totaal', String(respondents), respondents ? '100%' : '–'],
        ],
      )}`,
    );
    out.push('');
  }

  const share = (entry: { count: number; percent: number | null } | undefined) => [
    String(entry?.count ?? 0),
    formatPercent(entry?.percent ?? null, 0),
  ];
  const rowsId = analysis.crossTableRows;
  const columnsId = analysis.crossTableColumns;
  out.push(
    `Gemeenten die alle of geen van de basisfuncties goed voor elkaar hebben\n${renderTable(
      ['', 'gemeenten', 'percentage'],
      [
        [`alle basisfuncties ${columnsId}`, ...share(analysis.allOrNone.all[columnsId])],
        [`alle basisfuncties ${rowsId}`, ...share(analysis.allOrNone.all[rowsId])],
        [`alle basisfuncties ${columnsId} én ${rowsId}`, ...share(analysis.allOrNone.all.both)],
        [`geen van de basisfuncties ${columnsId}`, ...share(analysis.allOrNone.none[columnsId])],
        [`geen van de basisfuncties ${rowsId}`, ...share(analysis.allOrNone.none[rowsId])],
        [
          `geen van de basisfuncties ${columnsId} én ${rowsId}`,
          ...share(analysis.allOrNone.none.both),
        ],
      ],
    )}`,
  );
  out.push('');

  const table = analysis.crossTable;
  const columnCount = table[0]?.length ?? 0;
  const columnSums = Array.from({ length: columnCount }, (_, c) =>
    table.reduce((s, row) => s + (row[c] ?? 0), 0),
  );
  out.push(
    `Aantal basisfuncties ${rowsId} goed (rijen) tegen aantal basisfuncties ${columnsId} goed (kolommen), gemeenten met beide vragenlijsten\n${renderTable(
      [rowsId, ...Array.from({ length: columnCount }, (_, c) => String(c)), 'totaal'],
      [
        ...table.map((row, r) => [
          String(r),
          ...row.map(String),
          String(row.reduce((a, b) => a + b, 0)),
        ]),
        ['totaal', ...columnSums.map(String), String(analysis.respondents.both)],
      ],
    )}`,
  );
  out.push(`Pearson's r = ${formatNumber(analysis.pearsonR, 2)}`);
  out.push('');

  const scaleLabels = instrument.scale.map((point) => point.label.toLowerCase());
  out.push(
    `Verdeling per driepuntsvraag (percentage van de gemeenten die de vraag beantwoordden)\n${renderTable(
      ['vragenlijst', 'vraag', 'basisfunctie', 'beantwoord', ...scaleLabels],
      analysis.items.map((item) => [
        item.questionnaire,
        String(item.question),
        item.basisfunctie ?? '',
        String(item.answered),
        ...item.percentages.map((p) => formatPercent(p, 0)),
      ]),
      { alignRight: [1, 3, 4, 5, 6] },
    )}`,
  );
  out.push('');

  for (const choice of analysis.multipleChoice) {
    out.push(
      `${choice.questionnaire}, vraag ${choice.question}: ${choice.text} (n = ${choice.respondents})\n${renderTable(
        ['optie', 'gemeenten', 'percentage'],
        choice.options.map((option) => [
          option.label,
          String(option.count),
          formatPercent(option.percent, 0),
        ]),
      )}`,
    );
    out.push('');
  }
  if (analysis.synthetic) out.push(SYNTHETIC_BANNER);
  return out.join('\n').trimEnd();
}

/** Renders an item cross-table with row percentages, as in the report's appendices. */
export function formatCrossTab(
  result: CrossTabResult & { synthetic: boolean },
  instrument: Instrument,
): string {
  const labels = instrument.scale.map((point) => point.label.toLowerCase());
  const out: string[] = [];
  if (result.synthetic) out.push(SYNTHETIC_BANNER, '');
  out.push(
    `Vraag ${result.row} x vraag ${result.column} (${result.questionnaire}), ${result.total} gemeenten die beide vragen beantwoordden`,
  );
  out.push(`Rijen: vraag ${result.row}: ${result.rowText}`);
  out.push(`Kolommen: vraag ${result.column}: ${result.columnText}`);
  out.push('');
  out.push(
    `Aantallen\n${renderTable(
      [`vraag ${result.row}`, ...labels, 'totaal'],
      [
        ...result.counts.map((row, r) => [
          labels[r] ?? '',
          ...row.map(String),
          String(result.rowTotals[r] ?? 0),
        ]),
        ['totaal', ...result.columnTotals.map(String), String(result.total)],
      ],
    )}`,
  );
  out.push('');
  out.push(
    `Rijpercentages\n${renderTable(
      [`vraag ${result.row}`, ...labels, 'totaal'],
      [
        ...result.rowPercentages.map((row, r) => [
          labels[r] ?? '',
          ...row.map((p) => formatPercent(p, 0)),
          (result.rowTotals[r] ?? 0) > 0 ? '100%' : '–',
        ]),
        [
          'totaal',
          ...result.columnPercentages.map((p) => formatPercent(p, 0)),
          result.total > 0 ? '100%' : '–',
        ],
      ],
    )}`,
  );
  return out.join('\n');
}
