import type { Language } from '../../shared/i18n/index.js';
import { maturityChartSvg, type ChartRow } from './chart.js';
import type { Translate } from '../export/document.js';
import { BAND_THRESHOLDS, DIMENSIONS, type Dimension } from './maturity.js';
import type { StageState } from './maturity.service.js';
import { formatNumber } from '../../shared/i18n/format.js';

/** A score with one decimal in the reader's language: "44,4" or "44.4". */
export function scoreLabel(value: number, language: Language): string {
  return formatNumber(value, language, { maximumFractionDigits: 1 });
}

/** The change from the first to the last value, signed: "+12,5", "−3", "0"; empty with fewer than two. */
export function changeLabel(values: Array<number | undefined>, language: Language): string {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length < 2) return '';
  const delta = Math.round((known.at(-1)! - known[0]!) * 10) / 10;
  return `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${scoreLabel(Math.abs(delta), language)}`;
}

/**
 * The maturity page: each stage with its state, and once a stage is taken the
 * chart (an inline SVG) and the same numbers as a table.
 */
export function maturityView(stages: StageState[], t: Translate, language: Language) {
  const taken = stages.filter((s) => s.taken);
  const dimensionOf = (s: StageState, d: Dimension) => (s.taken!.dimensions as Record<Dimension, number>)[d];
  const rows: ChartRow[] = [
    ...DIMENSIONS.map((d) => ({ label: t(`strategies.maturity.dimensions.${d}`), values: taken.map((s) => dimensionOf(s, d)) })),
    { label: t('strategies.maturity.overall'), values: taken.map((s) => s.taken!.overall) },
  ].map((row) => ({ ...row, change: changeLabel(row.values, language) }));
  const series = taken.map((s) => `${s.stage}: ${t(`strategies.maturity.stages.${s.stage}`)}`);
  const summary = rows.map((r) => `${r.label}: ${r.values.map((v) => (v === undefined ? '–' : scoreLabel(v, language))).join(' → ')}`).join('; ');
  return {
    pageTitle: t('strategies.maturity.title'),
    stages: stages.map((s) => ({
      stage: s.stage, label: t(`strategies.maturity.stages.${s.stage}`), hint: t(`strategies.maturity.stageHint.${s.stage}`), open: s.open,
      taken: s.taken && { at: s.taken.at, score: scoreLabel(s.taken.overall, language), band: t(`strategies.maturity.bands.${s.taken.band}`) },
    })),
    chart: taken.length === 0 ? undefined : maturityChartSvg({
      id: 'maturity-chart', title: t('strategies.maturity.chartTitle'), desc: `${t('strategies.maturity.chartDesc')} ${summary}`,
      series, rows, format: (v) => scoreLabel(v, language), missing: t('strategies.maturity.missing'),
      changeHeading: taken.length > 1 ? t('strategies.maturity.change') : '',
      ticks: [0, BAND_THRESHOLDS.average, BAND_THRESHOLDS.moderate, BAND_THRESHOLDS.advanced, 100],
    }),
    table: {
      headers: series,
      showChange: taken.length > 1,
      rows: rows.map((r) => ({ label: r.label, values: r.values.map((v) => (v === undefined ? '–' : scoreLabel(v, language))), change: r.change })),
    },
  };
}
