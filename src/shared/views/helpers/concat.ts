/** {{concat "roles." role}}: joins values into one string, e.g. to build an i18n key. */
export function concat(...args: unknown[]): string {
  return args.slice(0, -1).map(String).join('');
}
