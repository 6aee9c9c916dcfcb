/**
 * The type of the whole Norwegian catalogue, shared texts and every component's messages.
 * shared/ imports no component, so it cannot name that type itself: the composition root
 * (src/messages.ts) fills this interface in by declaration merging, as it assembles the catalogue.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by src/messages.ts
export interface MessageCatalogue {}

/** Every dotted path from the top of a catalogue to one of its texts. */
type PathsOf<T> = { [K in keyof T & (string | number)]: T[K] extends string ? `${K}` : `${K}.${PathsOf<T[K]>}` }[keyof T & (string | number)];

/**
 * A key of the catalogue, such as 'layout.skip' or 'workshops.manage.rescheduled'. `translate`,
 * `req.t`, flash messages and named errors take only these, so a mistyped key fails the type check.
 */
export type MessageKey = PathsOf<MessageCatalogue>;

/**
 * The one way to treat a string as a key without the type checker's proof, for keys it cannot
 * see: keys written in views (test/shared/view-keys.test.ts checks them), zod issue messages
 * (the keys in a schema are plain text to zod) and keys stored with a record in the database.
 * Everything else names its key in the code, or builds it from a union the checker can expand
 * (`strategies.status.${status}`, KeysUnder below). `grep -rn uncheckedKey src` lists every use.
 */
export function uncheckedKey(key: string): MessageKey {
  return key as MessageKey;
}

type Under<K, P extends string> = K extends `${P}.${infer Rest}` ? Rest : never;

/**
 * The rest of each key under a prefix: KeysUnder<'calendar.event'> is 'summary' | 'room' | …, so a
 * function that adds the prefix itself can still take only names that exist.
 */
export type KeysUnder<P extends string> = Under<MessageKey, P>;
