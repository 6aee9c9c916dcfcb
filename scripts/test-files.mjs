// Prints every test file, the slowest first, for `npm test`. A parallel run hands files to its
// workers in the order given, so the long ones start early rather than ending the run alone.
import fs from 'node:fs';
import path from 'node:path';

// Each takes upwards of half a minute on a 2-core machine; the rest take seconds.
const SLOW_FIRST = [
  'test/workshops/enrolment-http.test.ts',
  'test/e2e/strategy.browser.test.ts',
  'test/mail/fan-out-process.test.ts',
  'test/strategies/review.test.ts',
  'test/e2e/phone-width.browser.test.ts',
  'test/workshops/enrolment.test.ts',
  'test/e2e/workshops.browser.test.ts',
  'test/accounts/login.test.ts',
];

const all = fs.readdirSync('test', { recursive: true })
  .map((file) => path.join('test', String(file)).split(path.sep).join('/'))
  .filter((file) => file.endsWith('.test.ts'))
  .sort();
const slow = SLOW_FIRST.filter((file) => all.includes(file));
console.log([...slow, ...all.filter((file) => !slow.includes(file))].join('\n'));
