import { expect } from 'chai';
import type { Request } from 'express';
import { ConflictError, NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { flash } from '../../src/shared/http/context.js';
import { hasKey, translate, type KeysUnder, type MessageKey } from '../../src/shared/i18n/index.js';

// The type check is the test here: `npm run check` (tsc) fails when a line under a
// ts-expect-error directive compiles, so if MessageKey ever widened to any string (the composition
// root's declaration lost, say), these lines would stop being errors and the check would fail.
// Wrapped in functions that never run, so nothing is thrown, flashed or translated.

/** Mistyped keys, each refused where keys are taken. */
export function refusedByTheTypeCheck(req: Request) {
  // @ts-expect-error: no such key ('layout.skip' is)
  const typo: MessageKey = 'layout.skipp';
  // @ts-expect-error: a namespace is not a text
  const namespace: MessageKey = 'layout';
  // @ts-expect-error: any string is not a key
  const anyString: MessageKey = String('layout.skip');
  // @ts-expect-error: translate takes only keys
  translate('nb', 'workshops.manage.rescheduledd');
  // @ts-expect-error: req.t too
  req.t('errors.notFoud');
  // @ts-expect-error: and flash messages
  flash(req, 'success', 'courses.enroled');
  // @ts-expect-error: and named errors
  new ConflictError('strategies.errors.underReveiw');
  // @ts-expect-error: and their default keys' replacements
  new NotFoundError('workshops.notEnroled');
  // @ts-expect-error: and the keys of a form's fields
  new ValidationError({ title: 'forms.requird' });
  // @ts-expect-error: a key built from a value the checker cannot expand
  translate('nb', `strategies.status.${String('draft')}`);
  // @ts-expect-error: a name under a prefix that has no such key
  const event: KeysUnder<'calendar.event'> = 'sumary';
  return [typo, namespace, anyString, event];
}

/** Keys as the app uses them: shared texts, component namespaces, numbered keys and keys built from unions. */
const accepted: MessageKey[] = [
  'layout.skip', 'errors.notFound', 'workshops.manage.rescheduled', 'strategies.maturity.scale.0',
  `strategies.status.${'draft' as 'draft' | 'approved'}`, `calendar.event.${'summary' satisfies KeysUnder<'calendar.event'>}`,
];

describe('i18n', () => {
  describe('message keys', () => {
    it('when a key passes the type check, then the catalogue has it in both languages', () => {
      expect(accepted.filter((key) => !hasKey(key))).to.deep.equal([]);
    });

    it('when a key is refused by the type check, then the catalogue indeed lacks it', () => {
      expect(['layout.skipp', 'layout', 'workshops.manage.rescheduledd', 'courses.enroled'].filter(hasKey)).to.deep.equal([]);
    });
  });
});
