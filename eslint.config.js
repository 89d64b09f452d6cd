// typescript-eslint, recommended-type-checked, over src/, tests/ and bench/
// (each file type-checked with the tsconfig of its folder). The few rules
// changed below fight the style of this codebase rather than find bugs; each
// says why.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'output/', 'input/', 'bench/corpus/', 'bench/profile/', '**/*.mjs', 'eslint.config.js', 'vitest.config.ts'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Event handlers (worker 'message', process signals) are async on purpose and catch inside.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // `interface FilledRect extends Box {}` names a shape; that is documentation, not a mistake.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Unused names are an error with a leading underscore as the way to say "on purpose".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Document text is untrusted: control characters are matched on purpose, to strip or escape them.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read gold files and CLI output with JSON.parse (any) and check their shape with expect():
    // typing every fixture would add nothing the assertions do not already check.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // …and turn those values and database cells into text the way the Python scorer does (str()).
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
);
