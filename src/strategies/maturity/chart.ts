/** One bar group of the chart: a dimension (or the overall score) with a score per stage. */
export interface ChartRow {
  label: string;
  values: Array<number | undefined>;
  /** Text for the change, e.g. "+12,5"; empty when there is nothing to compare. */
  change: string;
}

export interface ChartInput {
  id: string;
  title: string;
  desc: string;
  /** The stages shown, in order, with their legend labels. */
  series: string[];
  rows: ChartRow[];
  /** Formats a score for its text label, e.g. with a decimal comma. */
  format: (value: number) => string;
  missing: string;
  changeHeading: string;
  /** The tick values on the score axis (the band thresholds, say). */
  ticks: number[];
}

// Greys to green: the newest stage stands out; the text labels carry the values, not the colour.
const COLOURS = ['#8c979f', '#1f6f5c', '#0b3d30'];
const LABEL_W = 210;
const BAR_W = 300;
const VALUE_W = 50;
const CHANGE_W = 80;
const BAR_H = 14;
const GAP = 3;
const ROW_PAD = 12;
const TOP = 44;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal grouped bar chart as an inline SVG string: one group per row,
 * one bar per stage, with the value written beside each bar and the change in
 * its own column, so it reads without colour and prints in black and white.
 * Every text passed in is escaped here.
 */
export function maturityChartSvg(input: ChartInput): string {
  const groupH = input.series.length * (BAR_H + GAP) - GAP;
  const width = LABEL_W + BAR_W + VALUE_W + CHANGE_W;
  const height = TOP + input.rows.length * (groupH + ROW_PAD) + 24;
  const x = (score: number) => LABEL_W + (BAR_W * Math.max(0, Math.min(100, score))) / 100;
  const parts: string[] = [];

  // Legend entries side by side, each as wide as its label (about 7 units a character at this size).
  let lx = LABEL_W;
  input.series.forEach((label, i) => {
    parts.push(`<rect x="${lx}" y="4" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`);
    parts.push(`<text x="${lx + 16}" y="15">${escape(label)}</text>`);
    lx += 16 + label.length * 7 + 18;
  });
  parts.push(`<text x="${width - 4}" y="34" text-anchor="end" font-weight="bold">${escape(input.changeHeading)}</text>`);

  const axisY = height - 18;
  for (const tick of input.ticks) {
    parts.push(`<line x1="${x(tick)}" y1="${TOP - 6}" x2="${x(tick)}" y2="${axisY}" stroke="#d5dde2"/>`);
    parts.push(`<text x="${x(tick)}" y="${axisY + 14}" text-anchor="middle" fill="#52606b">${tick}</text>`);
  }

  input.rows.forEach((row, r) => {
    const y0 = TOP + r * (groupH + ROW_PAD);
    parts.push(`<text x="${LABEL_W - 8}" y="${y0 + groupH / 2 + 4}" text-anchor="end">${escape(row.label)}</text>`);
    row.values.forEach((value, i) => {
      const y = y0 + i * (BAR_H + GAP);
      if (value === undefined) {
        parts.push(`<text x="${LABEL_W + 4}" y="${y + BAR_H - 3}" fill="#52606b">${escape(input.missing)}</text>`);
        return;
      }
      parts.push(`<rect x="${LABEL_W}" y="${y}" width="${(x(value) - LABEL_W).toFixed(1)}" height="${BAR_H}" fill="${COLOURS[i % COLOURS.length]}"/>`);
      parts.push(`<text x="${x(value) + 4}" y="${y + BAR_H - 3}">${escape(input.format(value))}</text>`);
    });
    parts.push(`<text x="${width - 4}" y="${y0 + groupH / 2 + 4}" text-anchor="end" font-weight="bold">${escape(row.change)}</text>`);
  });

  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  return `<svg xmlns="http://www.w3.org/2000/svg" id="${escape(input.id)}" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" `
    + `aria-labelledby="${escape(titleId)} ${escape(descId)}" font-family="system-ui, sans-serif" font-size="13" fill="#1d2a33">`
    + `<title id="${escape(titleId)}">${escape(input.title)}</title><desc id="${escape(descId)}">${escape(input.desc)}</desc>`
    + parts.join('') + '</svg>';
}
