/**
 * Work a process carries on after the request that started it has answered (a
 * bulk import, say). Shutdown waits for it before the database goes, so a run
 * stops between lines rather than in the middle of one.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  /** Keeps `work` in view until it settles. */
  track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
  }

  /** Resolves when everything tracked so far has settled, or after `timeoutMs`; true when nothing is left. */
  async settled(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size && Date.now() < deadline) {
      const remaining = deadline - Date.now();
      const timer = Number.isFinite(remaining) ? new Promise((resolve) => setTimeout(resolve, remaining).unref()) : new Promise(() => undefined);
      await Promise.race([Promise.allSettled([...this.running]), timer]);
    }
    return this.running.size === 0;
  }
}
