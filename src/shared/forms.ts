import type { z } from 'zod';
import { ValidationError } from './errors.js';
import { uncheckedKey, type MessageKey } from './i18n/index.js';

/**
 * Parses submitted form values with a schema whose messages are i18n keys.
 * Throws a ValidationError mapping each bad field to its first problem.
 */
export function parseForm<S extends z.ZodType>(schema: S, values: unknown): z.infer<S> {
  const result = schema.safeParse(values ?? {});
  if (result.success) return result.data;
  const fields: Record<string, MessageKey> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    // A schema's messages are keys (zod types them as text); one without a dot is zod's own wording.
    fields[field] ??= issue.message.includes('.') ? uncheckedKey(issue.message) : 'forms.invalid';
  }
  throw new ValidationError(fields);
}
