import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { MAX_SERIES, type Breakdown, type DailyStacked } from './model/report-series';
import type { ForecastCumulative, ForecastDaily } from './model/forecast-series';
import { formatShortDay, formatUsdTick, formatUsdValue, toChartNumber } from './model/format';

// Only what the four charts use, so the bundle carries no unused chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Legend, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'system-ui, sans-serif';
Chart.defaults.color = '#24292f';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8E6C00'];
const OTHER_COLOUR = '#b1bac4';
const UNATTRIBUTED_COLOUR = '#57606a';
const FORECAST_COLOUR = '#6639ba';
const CAP_COLOURS = ['#cf222e', '#bc4c00', '#9a6700', '#57606a'];

const charts = new WeakMap<HTMLCanvasElement, Chart>();

function draw(canvas: HTMLCanvasElement, config: ChartConfiguration, valueAxis: 'x' | 'y' = 'y'): Chart {
  charts.get(canvas)?.destroy();
  const chart = new Chart(canvas, config);
  charts.set(canvas, chart);
  // The money axis's labels as text: on the canvas they are pixels, which no check (nor a text search) can read.
  canvas.dataset.valueTicks = (chart.scales[valueAxis]?.ticks ?? []).map((tick) => String(tick.label)).join(' | ');
  return chart;
}

// Chart.js picks evenly spaced ticks; the step between the first two sets the decimals every label needs.
const tickStep = (ticks: readonly { value: number }[]): number => (ticks.length > 1 ? Math.abs(ticks[1]!.value - ticks[0]!.value) : 0);
const usdAxis = { beginAtZero: true, ticks: { callback: (value: string | number, _index: number, ticks: { value: number }[]) => formatUsdTick(Number(value), tickStep(ticks)) } };
const usdTooltip = { callbacks: { label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) => `${item.dataset.label ?? ''}: ${formatUsdValue(item.parsed.y ?? 0)}` } };

export function drawDailyStacked(canvas: HTMLCanvasElement, data: DailyStacked): void {
  let colourIndex = 0;
  draw(canvas, {
    type: 'bar',
    data: {
      labels: data.days.map((day) => formatShortDay(day)),
      datasets: data.series.map((series) => ({
        label: series.label,
        data: series.values,
        backgroundColor: series.kind === 'unattributed' ? UNATTRIBUTED_COLOUR : series.kind === 'other' ? OTHER_COLOUR : PALETTE[colourIndex++ % PALETTE.length],
        stack: 'spend',
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkipPadding: 12 } }, y: { ...usdAxis, stacked: true } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } }, tooltip: usdTooltip },
    },
  });
}

export function drawBreakdown(canvas: HTMLCanvasElement, breakdown: Breakdown): void {
  // The same colours as the stacked chart: its groups in rank order, then grey for those it folds into "other".
  const groups = breakdown.lines.filter((line) => line.kind === 'group').length;
  const coloured = groups > MAX_SERIES ? MAX_SERIES - 1 : groups;
  let colourIndex = 0;
  draw(canvas, {
    type: 'bar',
    data: {
      labels: breakdown.lines.map((line) => line.label),
      datasets: [
        {
          label: 'Spend',
          data: breakdown.lines.map((line) => toChartNumber(line.spendUsd)),
          backgroundColor: breakdown.lines.map((line) => {
            if (line.kind === 'unattributed') return UNATTRIBUTED_COLOUR;
            return colourIndex < coloured ? PALETTE[colourIndex++]! : OTHER_COLOUR;
          }),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: { x: usdAxis },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => formatUsdValue(item.parsed.x ?? 0) } } },
    },
  }, 'x');
}

/**
 * Options shared by the two forecast charts. A band is drawn as a filled area between two lines; the lower line of
 * each pair ("… (low)") stays out of the legend and the tooltips.
 */
function forecastOptions() {
  const isLowerEdge = (label: string | undefined) => String(label).endsWith('(low)');
  return {
    maintainAspectRatio: false,
    animation: false as const,
    interaction: { mode: 'index' as const, intersect: false },
    scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } }, y: usdAxis },
    plugins: {
      legend: { position: 'bottom' as const, labels: { boxWidth: 12, filter: (item: { text: string }) => !isLowerEdge(item.text) } },
      tooltip: { ...usdTooltip, filter: (item: { parsed: { y: number | null }; dataset: { label?: string } }) => item.parsed.y !== null && !isLowerEdge(item.dataset.label) },
    },
  };
}

export function drawForecastDaily(canvas: HTMLCanvasElement, data: ForecastDaily): void {
  const band = (label: string, values: (number | null)[], fill: ChartDataset<'line'>['fill'], colour: string): ChartDataset<'line'> => ({
    type: 'line',
    label,
    data: values,
    borderWidth: 0,
    pointRadius: 0,
    backgroundColor: colour,
    fill,
  });
  const actual = { type: 'bar' as const, label: 'Actual daily spend', data: data.actual, backgroundColor: '#0072B2', order: 5 };
  // A degraded forecast has no daily points: then only the actual days are drawn, with no empty legend entries.
  const forecast = data.mean.some((value) => value !== null)
    ? [
        band('95% band (low)', data.lower95, false, 'transparent'),
        band('95% band', data.upper95, '-1', 'rgba(102, 57, 186, 0.15)'),
        band('80% band (low)', data.lower80, false, 'transparent'),
        band('80% band', data.upper80, '-1', 'rgba(102, 57, 186, 0.3)'),
        { type: 'line' as const, label: 'Forecast (mean)', data: data.mean, borderColor: FORECAST_COLOUR, borderDash: [6, 4], pointRadius: 0, borderWidth: 2, fill: false },
      ]
    : [];
  const datasets = [actual, ...forecast];
  draw(canvas, {
    type: 'bar',
    data: { labels: data.days.map((day) => formatShortDay(day)), datasets: datasets as ChartDataset<'bar'>[] },
    options: forecastOptions(),
  });
}

export function drawForecastCumulative(canvas: HTMLCanvasElement, data: ForecastCumulative): void {
  const datasets: ChartDataset<'line'>[] = [
    { label: 'Spent (running total)', data: data.actual, borderColor: '#0072B2', backgroundColor: '#0072B2', pointRadius: 0, borderWidth: 3 },
    { label: 'Projected', data: data.projected, borderColor: FORECAST_COLOUR, backgroundColor: FORECAST_COLOUR, borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
  ];
  if (data.low && data.high) {
    datasets.push(
      { label: 'p10 (low)', data: data.low, borderWidth: 0, pointRadius: 0, fill: false },
      { label: 'p10–p90 of the month-end total', data: data.high, borderWidth: 0, pointRadius: 0, backgroundColor: 'rgba(102, 57, 186, 0.18)', fill: '-1' },
    );
  }
  data.caps.forEach((cap, index) => {
    const colour = CAP_COLOURS[index % CAP_COLOURS.length];
    datasets.push({ label: `Cap: ${cap.label}`, data: data.days.map(() => cap.limit), borderColor: colour, backgroundColor: colour, borderDash: [2, 3], borderWidth: 2, pointRadius: 0 });
  });
  draw(canvas, {
    type: 'line',
    data: { labels: data.days.map((day) => formatShortDay(day)), datasets },
    options: forecastOptions(),
  });
}
