import type { Backend } from './backends.js';
import type { PageFigures } from './measure.js';
import type { BenchTarget, PageKind } from './targets.js';

/** One column of the table: a data size on a backend, with its ceiling in req/s. */
export interface Column { size: string; backend: Backend; ceilingRps: number; load: string }

export const P95_GOAL_MS = 300;
/** Throughput as a share of the bare Express route, per kind of page. */
export const RATIO_GOALS: Record<PageKind, number> = { module: 0.3, dashboard: 0.1, data: 0.05 };

/**
 * The latency goals hold at programme size on SQLite and up to county size on
 * PostgreSQL (where filters are pushed down); throughput goals up to programme size.
 */
const latencyApplies = (c: Column) => c.backend === 'postgresql' || c.size !== 'county';
const ratioApplies = (c: Column) => c.size !== 'county';

/** The goals a page misses in a column, in words (empty when it meets every goal that applies). */
export function missedGoals(target: BenchTarget, column: Column, f: PageFigures): string[] {
  const missed: string[] = [];
  if (latencyApplies(column) && f.p95 > P95_GOAL_MS) missed.push(`p95>${P95_GOAL_MS}`);
  if (latencyApplies(column) && target.p50Goal && f.p50 > target.p50Goal) missed.push(`p50>${target.p50Goal}`);
  if (ratioApplies(column) && f.rps / column.ceilingRps < RATIO_GOALS[target.kind]) missed.push(`ratio<${RATIO_GOALS[target.kind]}`);
  if (f.failed) missed.push(`${f.failed} non-2xx`);
  return missed;
}

const goalText = (t: BenchTarget) => [`p95≤${P95_GOAL_MS}`, ...(t.p50Goal ? [`p50≤${t.p50Goal}`] : []), `ratio≥${RATIO_GOALS[t.kind]}`].join(' ');
const cell = (column: Column, f: PageFigures | undefined, missed: string[]) => (f
  ? `${f.p50}/${f.p95} ${f.commands.toFixed(f.commands < 10 ? 1 : 0)} ${(f.rps / column.ceilingRps).toFixed(3)} ${missed.length ? '✗' : '✓'}`
  : '–');

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((v, i) => v + ' '.repeat(widths[i]! - [...v].length)).join(' │ ')).join('\n');
}

/** Prints the one table: a row per page, a column per size and backend, the goals and what each column misses. */
export function printTable(targets: BenchTarget[], columns: Column[], figures: Map<string, PageFigures>): void {
  const key = (t: BenchTarget, c: Column) => `${t.name}|${c.size}|${c.backend}`;
  const header = ['page', ...columns.map((c) => `${c.size}/${c.backend}`), 'goals', 'missed'];
  const rows = targets.map((t) => {
    const misses = columns.map((c) => { const f = figures.get(key(t, c)); return f ? missedGoals(t, c, f) : []; });
    const missedText = columns.flatMap((c, i) => (misses[i]!.length ? [`${c.size}/${c.backend}: ${misses[i]!.join(', ')}`] : [])).join('; ');
    return [t.name, ...columns.map((c, i) => cell(c, figures.get(key(t, c)), misses[i]!)), goalText(t), missedText || 'none'];
  });
  const ceilings = ['ceiling req/s (bare Express)', ...columns.map((c) => String(Math.round(c.ceilingRps))), '', ''];
  const loads = ['load average during column', ...columns.map((c) => c.load), '', ''];
  console.log(`\n${pad([header, ...rows, ceilings, loads])}`);
  console.log(`\nEach cell: p50/p95 ms single-user, database commands per request, req/s as a share of the ceiling, ✓ every goal that applies met / ✗ one missed.`);
  console.log('Latency goals apply at demo and programme size on SQLite and at every size on PostgreSQL; throughput goals at demo and programme size.');
}
