import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { moneyIn } from '../money.js';

export interface ChartBar {
  label: string;
  amount: number;
  previous: number;
}

export interface CostChartInput {
  title: string;
  currency: string;
  bars: ChartBar[];
}

const LABEL_LIMIT = 28;
const cut = (text: string) => (text.length <= LABEL_LIMIT ? text : `${text.slice(0, LABEL_LIMIT - 1)}…`);

/**
 * A horizontal bar per line (this period), with a black tick where the previous period was:
 * vega-lite compiled to vega, rendered to SVG without a canvas, then to PNG by resvg.
 */
export async function renderCostChart(input: CostChartInput, options: { width: number }): Promise<Buffer> {
  const money = moneyIn(
    input.bars.map((bar) => bar.amount),
    input.currency,
  );
  const values = input.bars.map((bar, index) => ({
    // A rank prefix keeps two lines with the same label apart.
    line: `${String(index + 1).padStart(2, '0')} ${cut(bar.label)}`,
    amount: Math.max(0, bar.amount),
    previous: Math.max(0, bar.previous),
    text: money(bar.amount),
  }));
  const top = Math.max(1, ...values.map((v) => Math.max(v.amount, v.previous)));
  const labelLimit = Math.round(Math.min(220, options.width * 0.34));
  const y = {
    field: 'line',
    type: 'nominal' as const,
    sort: null,
    title: null,
    axis: { labelExpr: 'substring(datum.label, 3)', labelLimit },
  };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, anchor: 'start', fontSize: 13, limit: options.width - 30 },
    width: Math.max(150, options.width - labelLimit - 90),
    height: { step: 22 },
    background: 'white',
    padding: 12,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', color: '#3b6ea5', height: { band: 0.7 } },
        encoding: {
          y,
          x: {
            field: 'amount',
            type: 'quantitative',
            title: `${input.currency}: bars this period, ticks the one before`,
            scale: { domain: [0, top * 1.18] },
          },
        },
      },
      {
        mark: { type: 'tick', color: '#111111', thickness: 2, bandSize: 16 },
        encoding: { y, x: { field: 'previous', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333333' },
        encoding: { y, x: { field: 'amount', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
    config: { font: 'DejaVu Sans', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } },
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: options.width },
      // Crisp bars compress far better; text stays anti-aliased.
      shapeRendering: 1,
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    });
    return Buffer.from(png.render().asPng());
  } finally {
    view.finalize();
  }
}

/** The widest chart (from `widths`, widest first) whose PNG fits in `maxBytes`; undefined if none does. */
export async function renderCostChartWithin(
  input: CostChartInput,
  maxBytes: number,
  widths: readonly number[] = [520, 440, 360, 300, 260],
): Promise<Buffer | undefined> {
  for (const width of widths) {
    const png = await renderCostChart(input, { width });
    if (png.length <= maxBytes) return png;
  }
  return undefined;
}
