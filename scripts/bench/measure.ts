import autocannon from 'autocannon';
import type { WireCounter } from './wire-counter.js';

/** What one page cost in one column of the table. */
export interface PageFigures {
  p50: number;
  p95: number;
  /** Database commands per request (single-user phase). */
  commands: number;
  rps: number;
  /** Requests that did not answer 2xx, in either phase: a broken target, not a slow one. */
  failed: number;
}

export interface MeasureOptions {
  requests: number;
  seconds: number;
  connections: number;
}

const WARM_UP = 3;
// A page that takes seconds each time still ends its single-user phase in reasonable time.
const SINGLE_USER_BUDGET_MS = 30_000;
const MIN_SAMPLES = 5;

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function timedGet(url: string, headers: Record<string, string>): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, redirect: 'manual' });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.ok };
  } catch {
    // A page slower than fetch's 300 s header timeout counts as failed, and the run goes on to the next page.
    return { ms: performance.now() - started, ok: false };
  }
}

/** Sequential requests after a warm-up: latency as one user sees it, and the commands each one sends. */
async function singleUser(url: string, headers: Record<string, string>, counter: WireCounter, requests: number) {
  for (let i = 0; i < WARM_UP; i += 1) await timedGet(url, headers);
  const times: number[] = [];
  let failed = 0;
  const before = counter.commands;
  const started = Date.now();
  while (times.length < requests && (times.length < MIN_SAMPLES || Date.now() - started < SINGLE_USER_BUDGET_MS)) {
    const { ms, ok } = await timedGet(url, headers);
    times.push(ms);
    if (!ok) failed += 1;
  }
  const commands = (counter.commands - before) / times.length;
  times.sort((a, b) => a - b);
  return { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), commands, failed };
}

/** Requests per second at `connections` concurrent connections (autocannon). */
export async function throughput(url: string, headers: Record<string, string>, options: Pick<MeasureOptions, 'seconds' | 'connections'>) {
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers });
  // Total over duration rather than the per-second average, which rounds a page slower than a second down to 0.
  return { rps: result.requests.total / result.duration, failed: result.non2xx + result.errors };
}

/** Both phases for one page: single-user latency and commands, then throughput. */
export async function measurePage(url: string, headers: Record<string, string>, counter: WireCounter, options: MeasureOptions): Promise<PageFigures> {
  const single = await singleUser(url, headers, counter, options.requests);
  const load = await throughput(url, headers, options);
  return { p50: single.p50, p95: single.p95, commands: single.commands, rps: load.rps, failed: single.failed + load.failed };
}
