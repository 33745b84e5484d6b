import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearChartCache } from './echarts-svg.ts';
import {
  ANSWER_COLOURS,
  BAND_COLOURS,
  BAND_TEXT_COLOURS,
  CHART_FONT_FAMILY,
  NO_MARK_OUTLINE,
  OWN_MARKER_COLOUR,
  countMarksPerBin,
  renderBandSummaryChart,
  renderComparisonChart,
  renderItemDistributionChart,
  renderMarkDistributionChart,
} from './report-charts.ts';

const NASTY = 'Vraag <&> "x" {b}';

const bandInput = {
  alt: 'Samenvatting <&>: 2 van 5 goed voor elkaar',
  rows: [
    { label: 'Gemeente – vrijwilligerswerk', counts: { goed: 2, weg: 1, aandacht: 1, geen: 1 } },
    {
      label: 'Landelijk gemiddelde – vrijwilligerswerk',
      counts: { goed: 2.4, weg: 1.3, aandacht: 1.1, geen: 0.2 },
    },
    { label: NASTY, counts: { goed: 0, weg: 0, aandacht: 5, geen: 0 } },
  ],
};

const itemInput = {
  alt: "Antwoorden per vraag <&> 'Vertalen'",
  groupLabel: 'Alle gemeenten <&> (n = 380)',
  items: [
    { label: 'Vraag 1', percentages: [10, 45, 45] as const, own: 3 as const },
    { label: 'Vraag 2', percentages: [30, 50, 20] as const, own: 1 as const },
    { label: NASTY, percentages: [70, 25, 5] as const, own: null },
  ],
};

const markInput = {
  alt: 'Cijfers van de grootteklasse <&>',
  marks: [1.2, 4.9, 5, 5.5, 6, 6.3, 7.1, 10],
  own: 6.3,
  bar: 6,
  groupLabel: 'Grootteklasse <&>',
};

const comparisonInput = {
  alt: 'Percentage goed voor elkaar <&>',
  ownMark: 5.4,
  rows: [
    { label: 'Landelijk', percentGoed: 34 },
    { label: 'Buurgemeenten', percentGoed: null },
    { label: NASTY, percentGoed: 0 },
    { label: 'Noord-Holland', percentGoed: 41.6 },
  ],
};

const CHARTS = [
  ['band summary', () => renderBandSummaryChart(bandInput), bandInput.alt],
  ['item distribution', () => renderItemDistributionChart(itemInput), itemInput.alt],
  ['mark distribution', () => renderMarkDistributionChart(markInput), markInput.alt],
  ['comparison', () => renderComparisonChart(comparisonInput), comparisonInput.alt],
] as const;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * A small XML well-formedness check: every tag is closed in order, attribute values are
 * quoted and hold no '<', and every '&' starts a known entity. Returns the problems found.
 */
function findXmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const entity = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const checkText = (text: string, where: string) => {
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      if (!entity.test(text.slice(i)))
        problems.push(`bare & in ${where}: ${text.slice(i, i + 12)}`);
    }
  };
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const open = xml.indexOf('<', i);
    const text = xml.slice(i, open < 0 ? xml.length : open);
    checkText(text, 'text');
    if (text.includes('>')) problems.push(`bare > in text: ${text.slice(0, 30)}`);
    if (open < 0) break;
    tag.lastIndex = open;
    const match = tag.exec(xml);
    if (!match) {
      problems.push(`malformed tag at ${open}: ${xml.slice(open, open + 40)}`);
      break;
    }
    const [whole, closing, name, attributes, selfClosing] = match;
    checkText(attributes ?? '', `attributes of <${name}>`);
    if (closing) {
      const expected = stack.pop();
      if (expected !== name) problems.push(`</${name}> closes <${expected}>`);
    } else if (!selfClosing) {
      stack.push(name as string);
    }
    i = open + whole.length;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

describe.each(CHARTS)('the %s chart', (_name, render, alt) => {
  const svg = render();

  it('is one image named by its alternative text, with a title', () => {
    expect(svg.startsWith('<svg role="img" ')).toBe(true);
    expect(svg).toContain(`aria-label="${escapeXml(alt)}"`);
    expect(svg).toMatch(new RegExp(`^<svg [^>]*><title>${escapeXml(alt)}</title>`));
  });

  it('scales to its container: a viewBox, width 100% and no fixed height', () => {
    const root = /^<svg [^>]*>/.exec(svg)?.[0] ?? '';
    expect(root).toMatch(/ viewBox="0 0 480 \d+"/);
    expect(root).toContain(' width="100%"');
    expect(root).not.toMatch(/ height=/);
  });

  it('passes a strict Content-Security-Policy: no style sheet, style attribute or handler', () => {
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('ecmeta_');
    expect(svg).not.toMatch(/\sclass="zr/);
  });

  it('is well-formed XML even with <, & and quotes in labels and alternative text', () => {
    expect(findXmlProblems(svg)).toEqual([]);
  });

  it('writes its text in the theme font, as attributes', () => {
    expect(svg).toContain(`font-family="${CHART_FONT_FAMILY}"`);
  });

  it('is deterministic: the same input gives the same bytes, also after other charts', () => {
    clearChartCache();
    for (const [, other] of CHARTS) other();
    clearChartCache();
    expect(render()).toBe(svg);
  });
});

describe('the cache of finished charts', () => {
  it('gives the same chart for the same input and draws a changed input anew', () => {
    const first = renderComparisonChart(comparisonInput);
    expect(renderComparisonChart({ ...comparisonInput, rows: [...comparisonInput.rows] })).toBe(
      first,
    );
    const changed = renderComparisonChart({ ...comparisonInput, ownMark: 6.5 });
    expect(changed).not.toBe(first);
    expect(changed).toContain('>Eigen cijfer: 6,5 (goed voor elkaar)</text>');
  });
});

describe('renderBandSummaryChart', () => {
  const svg = renderBandSummaryChart(bandInput);

  it('labels each row and shows counts, fractional ones with a decimal comma', () => {
    expect(svg).toContain('>Gemeente – vrijwilligerswerk</text>');
    expect(svg).toContain('>Vraag &lt;&amp;&gt; &quot;x&quot; {b}</text>');
    expect(svg).toContain('>2,4</text>');
    expect(svg).toContain('>1,3</text>');
  });

  it('has a legend of the four bands, the no-mark swatch outlined', () => {
    for (const label of ['goed voor elkaar', 'op de goede weg', 'aandacht nodig', 'geen cijfer']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain(`fill="${BAND_COLOURS.geen}" stroke="${NO_MARK_OUTLINE}"`);
  });

  it('draws no segment for a band with a count of 0', () => {
    // Coloured segments are edged in white: 3 in each of rows 1 and 2, 1 in row 3 (only
    // 'aandacht nodig'). A segment of 0 would add one.
    expect(svg.match(/<path d="[^"]*" fill="#[0-9a-f]{6}" stroke="#ffffff"/g)).toHaveLength(7);
  });
});

describe('renderItemDistributionChart', () => {
  const svg = renderItemDistributionChart(itemInput);

  it('stacks the three answers per item with their percentages', () => {
    for (const colour of ANSWER_COLOURS) expect(svg).toContain(`fill="${colour}"`);
    expect(svg).toContain('>70%</text>');
    expect(svg).toContain('>25%</text>');
  });

  it('marks the own answer: a triangle, an outline and a bold percentage per answered item', () => {
    // Two own answers, plus the triangle of the legend.
    expect(svg.match(new RegExp(`<polygon [^>]*fill="${OWN_MARKER_COLOUR}"`, 'g'))).toHaveLength(3);
    expect(
      svg.match(new RegExp(`stroke="${OWN_MARKER_COLOUR}" stroke-width="2.5"`, 'g')),
    ).toHaveLength(2);
    expect(svg).toMatch(/font-weight="bold"[^>]*>45%<\/text>/);
    expect(svg).toMatch(/font-weight="bold"[^>]*>30%<\/text>/);
    expect(svg).toContain('>eigen antwoord</text>');
  });

  it('says so when the municipality gave no answer to an item', () => {
    expect(svg.match(/>geen eigen antwoord<\/text>/g)).toHaveLength(1);
  });

  it('shows the group it describes', () => {
    expect(svg).toContain('>Alle gemeenten &lt;&amp;&gt; (n = 380)</text>');
  });
});

describe('renderMarkDistributionChart', () => {
  it('draws the bar as a dashed line labelled goed voor elkaar and the own mark', () => {
    const svg = renderMarkDistributionChart(markInput);
    expect(svg).toMatch(/stroke="#14502a" stroke-width="2" stroke-dasharray="6,4"/);
    expect(svg).toContain('>goed voor elkaar</text>');
    expect(svg).toContain(`stroke="${OWN_MARKER_COLOUR}" stroke-width="3"`);
    expect(svg).toContain('>eigen cijfer 6,3</text>');
  });

  it('places the bar line and the own mark on the axis scale', () => {
    const svg = renderMarkDistributionChart(markInput);
    // The plot runs from x = 48 to 464: 6 is at 297.6, 6.3 at 310.08.
    expect(svg).toContain('<path d="M297.6 ');
    expect(svg).toContain('<path d="M310.1 ');
    expect(svg).toContain('<path d="M297.5 232L297.5 237"'); // the axis tick of 6
  });

  it('says when there is no own mark, and when the group has no marks', () => {
    const svg = renderMarkDistributionChart({ ...markInput, marks: [], own: null });
    expect(svg).toContain('>geen eigen cijfer</text>');
    expect(svg).toContain('>geen cijfers in deze groep</text>');
    expect(svg).not.toContain(`stroke="${OWN_MARKER_COLOUR}" stroke-width="3"`);
  });
});

describe('countMarksPerBin', () => {
  it('counts marks in bins of one point, 10 in the last', () => {
    expect(countMarksPerBin([0, 0.99, 1, 5.99, 6, 9.5, 10, Number.NaN])).toEqual([
      2, 1, 0, 0, 0, 1, 1, 0, 0, 2,
    ]);
    expect(countMarksPerBin([])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('renderComparisonChart', () => {
  const svg = renderComparisonChart(comparisonInput);

  it("shows a hidden group's figure as 'niet getoond', not as a bar of zero", () => {
    expect(svg.match(/>niet getoond<\/text>/g)).toHaveLength(1);
    // Bars for 34%, 0% and 41.6%: the hidden row has none.
    const bars = svg.match(new RegExp(`<path d="[^"]*" fill="${BAND_COLOURS.goed}"`, 'g'));
    expect(bars).toHaveLength(3);
    expect(svg).toContain('>34%</text>');
    expect(svg).toContain('>0%</text>');
    expect(svg).toContain('>42%</text>');
  });

  it('names the own mark and its band', () => {
    expect(svg).toContain('>Eigen cijfer: 5,4 (op de goede weg)</text>');
    expect(renderComparisonChart({ ...comparisonInput, ownMark: null })).toContain(
      '>Eigen cijfer: geen</text>',
    );
  });
});

/** Relative luminance (WCAG 2.1). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** CIE L*, the lightness a grey print keeps. */
function lightness(hex: string): number {
  const y = luminance(hex);
  return y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y;
}

describe('the chart colours', () => {
  const fills = [BAND_COLOURS.goed, BAND_COLOURS.weg, BAND_COLOURS.aandacht];

  it('reach 3:1 against white (WCAG 1.4.11), the no-mark fill through its outline', () => {
    for (const fill of [...fills, NO_MARK_OUTLINE, OWN_MARKER_COLOUR]) {
      expect(contrast(fill, '#ffffff'), fill).toBeGreaterThanOrEqual(3);
    }
  });

  it('differ in lightness by at least 12 L*, so they stay apart in grey', () => {
    const values = [...fills, BAND_COLOURS.geen].map(lightness).sort((a, b) => a - b);
    for (let i = 1; i < values.length; i += 1) {
      expect((values[i] as number) - (values[i - 1] as number)).toBeGreaterThanOrEqual(12);
    }
  });

  it('carry text at 4.5:1 on each fill', () => {
    for (const band of ['goed', 'weg', 'aandacht', 'geen'] as const) {
      expect(contrast(BAND_TEXT_COLOURS[band], BAND_COLOURS[band]), band).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });

  it("use the theme's font stack and text colour (app/theme/tokens.json)", () => {
    const tokens = JSON.parse(
      readFileSync(new URL('../../../app/theme/tokens.json', import.meta.url), 'utf8'),
    ) as {
      basisfunctiemonitor: {
        color: Record<string, { $value: string }>;
        'font-family': { sans: { $value: string } };
      };
    };
    const brand = tokens.basisfunctiemonitor;
    expect(CHART_FONT_FAMILY).toBe(brand['font-family'].sans.$value.replace(/"/g, "'"));
    expect(OWN_MARKER_COLOUR).toBe(brand.color.text?.$value);
    expect(NO_MARK_OUTLINE).toBe(brand.color.border?.$value);
  });
});
