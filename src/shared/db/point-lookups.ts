/**
 * Looks each id up on its own, in parallel, and returns the documents found
 * (ids without one are left out; repeated ids are asked once). FerretDB's
 * SQLite backend answers `{_id: value}` without reading the collection but
 * reads and decodes every document for `{_id: {$in: [...]}}`, so for the few
 * ids a page names (a cohort's trainers, a person's cohorts) this costs what
 * the page shows, not what the database holds. MongoDB answers either from the
 * `_id` index.
 */
export async function findEachById<T>(ids: Iterable<unknown>, findOne: (id: string) => Promise<T | null | undefined>): Promise<T[]> {
  const unique = [...new Set([...ids].map(String))];
  const found: Array<T | null | undefined> = await Promise.all(unique.map((id) => findOne(id)));
  return found.filter((document): document is T => document !== null && document !== undefined);
}
