/** {{#if (eq a b)}}: strict equality for templates. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** {{#if (includes list value)}}: membership for templates. */
export function includes(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.map(String).includes(String(value));
}

/** {{#if (includesAny list "a" "b")}}: whether the list holds any of the values. */
export function includesAny(list: unknown, ...values: unknown[]): boolean {
  return values.slice(0, -1).some((value) => includes(list, value));
}
