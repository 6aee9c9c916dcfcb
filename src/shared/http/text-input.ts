import type { NextFunction, Request, Response } from 'express';

/**
 * The value with every NUL character removed from its strings, at any depth. Nobody types one, and
 * FerretDB on PostgreSQL cannot store a string holding one (PostgreSQL's jsonb refuses \u0000), so a
 * stray %00 in a form would fail the request on that backend only, after SQLite and MongoDB took it.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [withoutNul(key), withoutNul(v)])) as T;
  }
  return value;
}

/** Middleware: drops NUL characters from a parsed form body, so every backend stores what the user typed. */
export function dropNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  if (req.body && typeof req.body === 'object') req.body = withoutNul(req.body);
  next();
}
