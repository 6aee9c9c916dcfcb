/**
 * Resolves once `holds()` is true, checking every `intervalMs`; fails after
 * `timeoutMs` naming what it waited for. For outcomes that arrive in the
 * background (a worker's send, a restart): wait for the outcome, never a fixed time.
 */
export async function eventually(what: string, holds: () => boolean | Promise<boolean>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
