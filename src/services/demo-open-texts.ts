/**
 * The open answers and notes of the synthetic demo rounds (issue 13): short sentences in the
 * voice of a municipal policy officer, different per question, so that reading, searching
 * (with Dutch stemming: 'vrijwilliger' and 'vrijwilligers', 'mantelzorger' and
 * 'mantelzorgers' both occur) and coding have something to work on. They are invented, like
 * every figure of the demo, and only ever stored in a round marked synthetic; the round's name
 * says so, so the sentences themselves do not repeat it.
 *
 * Some sentences echo what the 2009 report quoted from the real answers ('we zoeken nog naar
 * een goede interne structuur', 'we ontvangen geen signalen', 'het staat op de agenda').
 *
 * For the two questions that get a demo codebook (`DEMO_CODEBOOKS`) every sentence carries the
 * key of the theme it belongs to, so the demo coders' codings follow the texts.
 */
import type { Random } from '../domain/random.ts';

/** One sentence of the demo, with the theme it belongs to in a demo codebook (if any). */
export interface DemoSentence {
  readonly text: string;
  readonly theme?: string;
}

const V = 'vrijwilligerswerk';
const M = 'mantelzorg';

const s = (text: string, theme?: string): DemoSentence => (theme ? { text, theme } : { text });

/** The sentences per open question, by `questionnaire:number`. */
export const DEMO_OPEN_SENTENCES: Readonly<Record<string, readonly DemoSentence[]>> = {
  [`${V}:11`]: [
    s('De visie op vrijwilligerswerk staat in het Wmo-beleidsplan en wordt dit jaar herzien.'),
    s('We zien dat jongeren zich liever kort en projectmatig inzetten dan als vaste vrijwilliger.'),
    s(
      'Het beleid voor vrijwilligers is nog algemeen; specifieke doelgroepen krijgen weinig aandacht.',
    ),
    s(
      'Over seksueel misbruik hebben we niets in het beleid opgenomen: we ontvangen geen signalen.',
    ),
    s('Vrijwilligersorganisaties zijn betrokken bij een klankbordgroep voor het nieuwe beleid.'),
    s('De vergrijzing maakt dat we steeds meer oudere vrijwilligers hebben en te weinig jonge.'),
  ],
  [`${V}:18`]: [
    s('De maatschappelijke makelaarsfunctie staat op de agenda, maar is nog niet uitgewerkt.'),
    s('Het steunpunt koppelt vrijwilligers aan organisaties via een vacaturebank.'),
    s('Met de maatschappelijke stages zijn de scholen en het steunpunt goed op weg.'),
    s('Het bestedingsplan voor de extra middelen is nog in de maak.'),
    s('Er is een jaarlijkse beursvloer waar bedrijven en verenigingen elkaar vinden.'),
    s('Verbinden gebeurt vooral informeel, via de contacten van de beleidsmedewerker.'),
  ],
  [`${V}:31`]: [
    s('Het steunpunt vrijwilligerswerk heeft te weinig uren om alle organisaties te ondersteunen.'),
    s('We hebben de ondersteuningsbehoefte van vrijwilligersorganisaties met een enquête gepeild.'),
    s('De sociale makelaar is sinds dit jaar aangesteld en werkt in twee wijken.'),
    s('Het steunpunt is regionaal georganiseerd, samen met de buurgemeenten.'),
    s('Kleine verenigingen weten het steunpunt nog niet goed te vinden.'),
    s('Onze eigen dienstverlening aan vrijwilligers beperkt zich tot subsidies en een loket.'),
  ],
  [`${V}:38`]: [
    s(
      'Alle vrijwilligers zijn verzekerd via de collectieve vrijwilligersverzekering van de gemeente.',
    ),
    s('De vrijwilligersverzekering is bij veel organisaties nog onbekend.'),
    s('Elk jaar reiken we een vrijwilligersprijs uit tijdens de Dag van de Vrijwilliger.'),
    s('Het waarderen van vrijwilligers laten we vooral over aan de organisaties zelf.'),
    s('In de lokale krant staat maandelijks een vrijwilliger in de schijnwerpers.'),
    s('Promotie van vrijwilligerswerk gebeurt via de website van het steunpunt.'),
  ],
  [`${V}:46`]: [
    s('We zoeken nog naar een goede interne structuur om kennis vast te houden.', 'structuur'),
    s(
      'Intern is nog niet duidelijk welke afdeling verantwoordelijk is voor het borgen.',
      'structuur',
    ),
    s('Na het vertrek van de beleidsmedewerker is veel kennis verloren gegaan.', 'structuur'),
    s('Het beleid wordt elke vier jaar geëvalueerd met de vrijwilligersorganisaties.', 'evaluatie'),
    s('Een evaluatie van de uitvoering staat gepland voor volgend jaar.', 'evaluatie'),
    s('We wisselen kennis uit met de gemeenten in de regio in een vast overleg.', 'regio'),
    s('Met de buurgemeenten delen we ervaringen over het ondersteunen van vrijwilligers.', 'regio'),
    s('Het steunpunt legt de ervaring van vrijwilligers vast met een EVC-procedure.', 'steunpunt'),
    s('Het vastleggen van kennis ligt bij het steunpunt vrijwilligerswerk.', 'steunpunt'),
    s('Voor het borgen van kennis ontbreken tijd en geld.', 'middelen'),
    s('Met de beperkte formatie komen we niet toe aan het vastleggen van ervaring.', 'middelen'),
  ],
  [`${V}:47`]: [
    s('Vrijwilligerswerk heeft de komende jaren meer aandacht nodig in onze gemeente.'),
    s('We zijn trots op de vele vrijwilligers die zich hier inzetten.'),
    s('De bezuinigingen maken het lastig om het huidige niveau vast te houden.'),
    s('In de praktijk gebeurt meer dan er op papier staat.'),
    s('We willen dit regionaal oppakken met de buurgemeenten.'),
    s('De vragenlijst was nuttig om ons beleid eens tegen het licht te houden.'),
  ],
  [`${M}:16`]: [
    s('Het mantelzorgbeleid is onderdeel van het Wmo-beleidsplan.'),
    s('De visie op mantelzorgondersteuning wordt op dit moment opnieuw geformuleerd.'),
    s('Mantelzorgers zijn via de Wmo-raad betrokken bij het beleid.'),
    s('Jonge mantelzorgers krijgen sinds kort specifiek aandacht.'),
    s('Samenhang met wonen en werk is er nog nauwelijks.'),
    s('De regie ligt bij de gemeente; de uitvoering bij het steunpunt mantelzorg.'),
  ],
  [`${M}:21`]: [
    s(
      'Informatie voor mantelzorgers is te vinden op de gemeentelijke website en in de bibliotheek.',
    ),
    s('De informatie is versnipperd over verschillende organisaties.'),
    s('Veel mantelzorgers herkennen zichzelf niet als mantelzorger en zoeken dus geen informatie.'),
    s('Het Wmo-loket verstrekt informatie, ook aan mantelzorgers.'),
    s('Er komt een informatiepunt mantelzorg in het gemeentehuis.'),
  ],
  [`${M}:26`]: [
    s('Advies en begeleiding worden geboden door het steunpunt mantelzorg.'),
    s('De mantelzorgconsulent heeft een wachtlijst van enkele weken.'),
    s('Huisartsen verwijzen mantelzorgers steeds vaker door naar het steunpunt.'),
    s('Begeleiding gebeurt vooral bij de keukentafelgesprekken van de Wmo.'),
    s('Mantelzorgers weten de weg naar advies nog onvoldoende te vinden.'),
  ],
  [`${M}:31`]: [
    s('Er zijn lotgenotengroepen voor mantelzorgers van mensen met dementie.'),
    s('Emotionele steun wordt vooral door vrijwilligers van het steunpunt gegeven.'),
    s('Het gebruik van emotionele steun is laag; mantelzorgers vragen er zelden om.'),
    s('Een mantelzorger kan terecht bij het algemeen maatschappelijk werk.'),
    s('We willen de ondersteuning van overbelaste mantelzorgers verbeteren.'),
  ],
  [`${M}:36`]: [
    s('Het steunpunt organiseert cursussen voor mantelzorgers, zoals omgaan met dementie.'),
    s('Zorgvrijwilligers volgen een basistraining voordat ze beginnen.'),
    s('De opkomst bij de cursussen voor mantelzorgers valt tegen.'),
    s('Scholing wordt regionaal ingekocht.'),
    s('Educatie is nog geen speerpunt in ons beleid.'),
  ],
  [`${M}:41`]: [
    s('Praktische hulp wordt geboden door vrijwilligers van de thuishulpcentrale.'),
    s('Mantelzorgers kunnen een klussendienst inschakelen.'),
    s('Het aanbod aan praktische hulp is beperkt tot boodschappen en vervoer.'),
    s('Veel mantelzorgers weten niet dat ze praktische hulp kunnen krijgen.'),
    s('We werken samen met de kerken voor praktische ondersteuning.'),
  ],
  [`${M}:46`]: [
    s('Er is een logeerhuis in de regio waar mantelzorgers gebruik van kunnen maken.', 'opvang'),
    s('Dagopvang is beschikbaar, maar alleen op werkdagen.', 'opvang'),
    s('Voor de logeeropvang bestaat een wachtlijst van enkele maanden.', 'wachtlijst'),
    s('De wachtlijsten voor respijtzorg zijn lang; we zoeken naar extra plaatsen.', 'wachtlijst'),
    s('Mantelzorgers kennen het aanbod aan respijtzorg vaak niet.', 'bekendheid'),
    s('Veel mantelzorgers vragen pas om ondersteuning als het te laat is.', 'bekendheid'),
    s('Vrijwilligers nemen de zorg een dagdeel per week over.', 'vrijwilligers'),
    s('De inzet van vrijwillige thuishulp maakt respijt mogelijk.', 'vrijwilligers'),
    s('De financiering van respijtzorg is na dit jaar niet zeker.', 'financiering'),
    s(
      'Respijtzorg wordt betaald uit de Wmo-middelen; de eigen bijdrage schrikt af.',
      'financiering',
    ),
  ],
  [`${M}:51`]: [
    s('Mantelzorgers krijgen jaarlijks een mantelzorgwaardering in de vorm van een waardebon.'),
    s('De mantelzorgwaardering is een bedrag van 150 euro per jaar.'),
    s(
      'Het mantelzorgcompliment wordt door de rijksoverheid gegeven; de gemeente doet niets extra.',
    ),
    s('We onderzoeken of we een eigen mantelzorgwaardering kunnen invoeren.'),
    s('Mantelzorgers kunnen een tegemoetkoming krijgen in de reiskosten.'),
  ],
  [`${M}:56`]: [
    s(
      'Hulpmiddelen worden via de Wmo verstrekt; daar hoeft de mantelzorger niets voor te regelen.',
    ),
    s('Er is een uitleenpunt voor hulpmiddelen bij de thuiszorg.'),
    s('Materiële hulp aan mantelzorgers is geen apart onderdeel van ons beleid.'),
    s('Aanpassingen in huis worden vergoed als de mantelzorger daardoor kan blijven zorgen.'),
  ],
  [`${M}:57`]: [
    s('We willen de komende jaren meer doen voor jonge mantelzorgers.'),
    s('De Dag van de Mantelzorg is elk jaar een groot succes.'),
    s('De samenwerking met het steunpunt mantelzorg loopt goed.'),
    s('Mantelzorgondersteuning staat hoog op de politieke agenda.'),
    s('We zijn benieuwd hoe andere gemeenten dit aanpakken.'),
  ],
};

/** Notes (toelichting) on scale items, by basisfunctie; `general` for any item. */
export const DEMO_NOTES: Readonly<Record<string, readonly string[]>> = {
  general: [
    'Dit is in voorbereiding en wordt volgend jaar vastgesteld.',
    'Staat op de agenda van het college.',
    'Gebeurt in de praktijk wel, maar staat niet op papier.',
    'Wordt regionaal geregeld.',
    'Hierover is nog geen besluit genomen.',
  ],
  vertalen: [
    'Over seksueel misbruik ontvangen we geen signalen van de vrijwilligersorganisaties.',
    'Vrijwilligers zijn betrokken via een klankbordgroep.',
  ],
  'verbinden-en-makelen': [
    'De maatschappelijke makelaar staat op de agenda.',
    'Het steunpunt brengt vrijwilligers en organisaties samen.',
  ],
  versterken: [
    'Het steunpunt vrijwilligerswerk is beperkt bereikbaar.',
    'De sociale makelaar werkt voor twee gemeenten.',
  ],
  verbreiden: [
    'De vrijwilligersverzekering geldt voor alle vrijwilligers in de gemeente.',
    'Waardering van vrijwilligers gebeurt jaarlijks met een vrijwilligersavond.',
  ],
  verankeren: [
    'We zoeken nog naar een goede interne structuur.',
    'Evaluatie gebeurt samen met de buurgemeenten.',
  ],
  'visie-en-beleid': [
    'Het mantelzorgbeleid wordt dit jaar geactualiseerd.',
    'Mantelzorgers zijn via de Wmo-raad gehoord.',
  ],
  informatie: ['Informatie staat op de website en ligt bij het Wmo-loket.'],
  'advies-en-begeleiding': ['De mantelzorgconsulent werkt twee dagen per week.'],
  'emotionele-steun': ['Lotgenotencontact wordt door vrijwilligers georganiseerd.'],
  educatie: ['Cursussen voor mantelzorgers worden regionaal aangeboden.'],
  'praktische-hulp': ['Praktische hulp via de vrijwillige thuishulp.'],
  respijtzorg: ['Er is een logeerhuis in de regio, met een wachtlijst.'],
  'financiele-tegemoetkoming': ['Mantelzorgers krijgen een jaarlijkse mantelzorgwaardering.'],
  'materiele-hulp': ['Hulpmiddelen via de Wmo.'],
};

/** The share of scale answers that carry a note in the demo. */
export const DEMO_NOTE_SHARE = 0.12;

/** A demo codebook: its question, and its themes by the keys the sentences carry. */
export interface DemoCodebook {
  readonly questionnaire: string;
  readonly question: number;
  readonly themes: readonly {
    readonly key: string;
    readonly name: string;
    readonly description: string;
  }[];
}

export const DEMO_CODEBOOKS: readonly DemoCodebook[] = [
  {
    questionnaire: V,
    question: 46,
    themes: [
      {
        key: 'structuur',
        name: 'Interne structuur',
        description: 'De gemeente zoekt nog naar wie binnen de organisatie kennis vasthoudt.',
      },
      {
        key: 'evaluatie',
        name: 'Evaluatie',
        description: 'Het beleid of de uitvoering wordt (of wordt binnenkort) geëvalueerd.',
      },
      {
        key: 'regio',
        name: 'Kennis delen in de regio',
        description: 'Uitwisseling met andere gemeenten of in een regionaal overleg.',
      },
      {
        key: 'steunpunt',
        name: 'Rol van het steunpunt',
        description: 'Het steunpunt vrijwilligerswerk legt kennis en ervaring vast.',
      },
      {
        key: 'middelen',
        name: 'Tijd en geld',
        description: 'Er ontbreken uren, formatie of geld om kennis te borgen.',
      },
    ],
  },
  {
    questionnaire: M,
    question: 46,
    themes: [
      {
        key: 'opvang',
        name: 'Logeerhuis en dagopvang',
        description: 'Het aanbod aan opvang waardoor de mantelzorger even vrij is.',
      },
      {
        key: 'wachtlijst',
        name: 'Wachtlijsten',
        description: 'Mantelzorgers moeten wachten op respijtzorg.',
      },
      {
        key: 'bekendheid',
        name: 'Onbekendheid bij mantelzorgers',
        description: 'Mantelzorgers kennen het aanbod niet of vragen er laat om.',
      },
      {
        key: 'vrijwilligers',
        name: 'Vrijwillige inzet',
        description: 'Vrijwilligers nemen de zorg tijdelijk over.',
      },
      {
        key: 'financiering',
        name: 'Financiering',
        description: 'Hoe respijtzorg betaald wordt, en de onzekerheid daarover.',
      },
    ],
  },
];

/**
 * Writes a demo open answer for a question: one sentence, or two different ones (three in ten
 * answers), drawn with the texts' own random generator.
 *
 * @returns the text, or null for a question without sentences
 */
export function composeDemoOpenText(
  random: Random,
  questionnaire: string,
  question: number,
): string | null {
  const sentences = DEMO_OPEN_SENTENCES[`${questionnaire}:${question}`];
  if (!sentences || sentences.length === 0) return null;
  const first = Math.floor(random() * sentences.length);
  const parts = [sentences[first] as DemoSentence];
  if (sentences.length > 1 && random() < 0.3) {
    const second = (first + 1 + Math.floor(random() * (sentences.length - 1))) % sentences.length;
    parts.push(sentences[second] as DemoSentence);
  }
  return parts.map((part) => part.text).join(' ');
}

/**
 * The theme keys of a demo text: those of the sentences it is made of, in the codebook's order.
 *
 * @example readDemoThemes('vrijwilligerswerk', 46, 'Voor het borgen van kennis ontbreken tijd en geld.') // ['middelen']
 */
export function readDemoThemes(questionnaire: string, question: number, text: string): string[] {
  const sentences = DEMO_OPEN_SENTENCES[`${questionnaire}:${question}`] ?? [];
  const keys = new Set<string>();
  for (const sentence of sentences) {
    if (sentence.theme && text.includes(sentence.text)) keys.add(sentence.theme);
  }
  return [...keys];
}

/** A note for a scale item of a basisfunctie: specific one time in two, else general. */
export function composeDemoNote(random: Random, basisfunctie: string | null): string {
  const specific = basisfunctie ? (DEMO_NOTES[basisfunctie] ?? []) : [];
  const pool = specific.length > 0 && random() < 0.5 ? specific : (DEMO_NOTES.general ?? []);
  return pool[Math.floor(random() * pool.length)] as string;
}
