// Lint: typescript-eslint's recommended rules, and the import boundaries between
// components (README "Architecture", STYLE "A component's public face"):
//   1. src/shared/ imports nothing outside src/shared/ (no component, no composition root);
//   2. a route file (*.routes.ts) imports no model (*.model.js): reads go through a service or queries;
//   3. a component imports another component only through its public face, index.js and queries.js.
// The composition root (src/app.ts, server.ts, worker.ts, messages.ts), scripts and tests may import anything.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Rule 1: from a file `depth` folders below src/shared/, climbing depth + 1 levels leaves shared/. */
const leavesShared = (depth) => ({
  regex: `^(\\.\\./){${depth + 1}}`,
  message: 'shared/ imports no component: take what you need as a parameter, or define the type in shared/ and let the component satisfy it.',
});

const modelImport = {
  regex: '\\.model(\\.js)?$',
  message: 'Route files import no model: read through the component\'s service or queries.ts.',
};

const publicFaceMessage = 'Import another component only through its public face: its index.js (services, routes, types) or queries.js (reads).';
const privateOfOtherComponent = { regex: '^\\.\\./(?!shared/)[^/]+/(?!(index|queries)\\.js$)', message: publicFaceMessage };
/** The same from a component's subfolder (strategies/completion/), which climbs one level more to leave its component. */
const privateOfOtherComponentNested = { regex: '^\\.\\./\\.\\./(?!shared/)[^/]+/(?!(index|queries)\\.js$)', message: publicFaceMessage };

/**
 * The components rule 3 holds for: every component in src/. A new component is listed here from its first file; a read it
 * needs from another component goes into that component's queries.ts (plain objects, string ids).
 */
const PUBLIC_FACE_COMPONENTS = ['accounts', 'attendance', 'calendar', 'courses', 'home', 'imports', 'mail', 'materials', 'privacy', 'reports', 'strategies', 'workshops'];

const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // TypeScript checks names and globals itself.
      'no-undef': 'off',
      // A variable declared first so a closure can reach it, and assigned once just after, stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Later blocks replace the options of earlier ones for the same file, so each block lists every pattern that applies.
  ...[0, 1, 2, 3].map((depth) => restrict([`src/shared/${'*/'.repeat(depth)}*.ts`], [leavesShared(depth)])),
  restrict(['src/*/**/*.routes.ts'], [modelImport]),
  ...PUBLIC_FACE_COMPONENTS.flatMap((component) => [
    restrict([`src/${component}/*.ts`], [privateOfOtherComponent]),
    restrict([`src/${component}/*.routes.ts`], [privateOfOtherComponent, modelImport]),
    restrict([`src/${component}/*/*.ts`], [privateOfOtherComponentNested]),
    restrict([`src/${component}/*/*.routes.ts`], [privateOfOtherComponentNested, modelImport]),
  ]),
);
