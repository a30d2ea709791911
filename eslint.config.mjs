// @ts-check
// ESLint (flat config) with typescript-eslint's type-aware rules, on everything tsconfig.json compiles
// (src/, test/, bench/). Run by `npm run lint` (scripts/lint.mjs) together with dependency-cruiser.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'src/web/static/**', 'scripts/**', '*.mjs', '*.cjs'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One TypeScript program from tsconfig.json (the same one `npm run build` compiles).
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The two rules this setup exists for. A promise nobody awaits loses its errors (an unhandled
      // rejection) and its ordering. node:test's describe/it/test may float: the runner awaits them
      // itself; a subtest's `t.test(...)` is still reported (on Node 20 it must be awaited).
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      // Default options, checksVoidReturn included: no async function is handed to a Fastify/Nest
      // callback slot that ignores its promise (middleware `use`, `app.use`, Fastify hooks, event listeners, forEach).
      // Nest awaits async controller methods, guards and lifecycle hooks itself, so those do not trip it.
      '@typescript-eslint/no-misused-promises': 'error',

      // Off: the any-propagation family. `any` comes in from supertest's `res.body`, Reflect.getMetadata
      // and raw query rows; these five rules report ~1,100 places (95% in test/) without finding a bug.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off: style, not correctness (a redundant `as` or `!` does nothing at run time); 23 places.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Off: an `async` method without `await` is how an implementation of a Promise-returning contract
      // turns a synchronous throw into a rejection (NativeP12Signer.sign).
      '@typescript-eslint/require-await': 'off',
      // Re-rejecting what a catch caught (typed unknown) is fine, as `throw error` is for only-throw-error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `_name` marks a deliberately unused binding; `{ id, ...rest }` drops fields on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests and benchmarks read untyped JSON bodies and print/assert on spreadsheet cells they wrote:
    // `any` and stringifying a cell are deliberate there (a wrong value fails the assertion anyway).
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
);
