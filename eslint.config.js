// A small rule set: TypeScript's recommended rules plus the few that catch real bugs in this code base
// (floating promises, unused values, `export *`). Formatting is not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-artifacts/**', '**/*.d.ts', 'packages/scenario/schema/**'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./packages/*/tsconfig.json', './tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Curate the exports: name what a module re-exports (no `export *`).' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The model's compiling and the expected-value projection run once per projection, so V8 optimises
    // their functions late and at different calls: Array.prototype.map's result is packed when its caller
    // is unoptimised and holey once it is, and every optimised reader of such an array deoptimised
    // ('wrong map') when the maker tiered up (expected-value README, session 21). Array.from and loops
    // give one elements kind in every tier.
    files: ['packages/engine/src/model/compile/**/*.ts', 'packages/engine/src/expected-value/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Curate the exports: name what a module re-exports (no `export *`).' },
        {
          selector: "CallExpression[callee.property.name='map']",
          message: 'Use Array.from(xs, f) or a loop: map makes packed or holey arrays by the caller\'s V8 tier (see eslint.config.js).',
        },
      ],
    },
  },
);
