import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain core knows nothing about chat platforms or the job runner; only the
    // composition root (src/runtime, src/main.ts) wires them together.
    files: ['src/**/*.ts'],
    ignores: ['src/runtime/**', 'src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@slack/*', 'botbuilder', 'botbuilder-*'],
              message: 'src/ must not depend on a chat SDK.',
            },
            { group: ['**/bots/**', '**/jobs/**'], message: 'src/ must not import front ends or jobs.' },
          ],
        },
      ],
    },
  },
);
