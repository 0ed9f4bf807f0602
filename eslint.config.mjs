import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

const eslintConfig = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  prettier,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'out/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'services/auth0-local/.data/**',
    ],
  },
  {
    rules: {
      // `_name` marks a parameter that must exist but is not used (e.g. Express's `next`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Each service stands on its own: replacing it, or deleting it, must not
    // touch the app. The local Auth0 reads the tenant in auth0/, which it runs.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/*', '**/lib/**', '**/pages/**', '**/components/**', '**/test-helpers/**'],
              message:
                'A service imports nothing from the app: it must work when the app is replaced.',
            },
          ],
        },
      ],
    },
  },
  {
    // The post-login Action runs on Auth0 as plain CommonJS, so it uses `exports`.
    files: ['auth0/actions/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The local Auth0's Action sandbox runs in a worker thread without a TypeScript loader.
    files: ['services/auth0-local/action-sandbox.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

export default eslintConfig;
