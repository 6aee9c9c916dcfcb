/** The shape of a catalogue: the same keys, any strings. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/**
 * A component's messages in both languages. English is typed by the Norwegian
 * catalogue, so a key missing in one language fails the type check.
 */
export function defineMessages<T extends object>(nb: T, en: Shape<T>): { nb: T; en: Shape<T> } {
  return { nb, en };
}
