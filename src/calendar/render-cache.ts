import crypto from 'node:crypto';

/**
 * Remembers rendered calendars by a digest of what they contain. Feeds are
 * polled often and change rarely, and rendering (ical-generator folds every
 * line character by character) costs far more than the queries behind it.
 */
export function createRenderCache(limit = 500) {
  const rendered = new Map<string, string>();
  return {
    /** The text for these inputs, rendered only when no identical calendar was rendered before. */
    get(inputs: unknown, render: () => string): string {
      const key = crypto.createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
      const hit = rendered.get(key);
      if (hit !== undefined) return hit;
      const text = render();
      // Oldest first out: a Map iterates in insertion order.
      if (rendered.size >= limit) rendered.delete(rendered.keys().next().value!);
      rendered.set(key, text);
      return text;
    },
  };
}
