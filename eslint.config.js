// ESLint flat config: typescript-eslint plus import boundaries between the layers of
// the architecture. The layers and the rules between them: docs/architecture.md.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Which layers each layer may import (docs/architecture.md, 'Layers').
const LAYERS = {
  domain: ['domain'],
  instruments: ['domain', 'instruments'],
  config: ['config'],
  db: ['domain', 'db'],
  services: ['domain', 'instruments', 'config', 'db', 'services'],
  web: ['config', 'services', 'web'],
  cli: ['domain', 'instruments', 'config', 'services', 'web', 'cli'],
  app: ['domain', 'instruments', 'config', 'services', 'app'],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      'src/db/migrations/',
      'coverage/',
      'build/',
      '.react-router/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.ts', 'app/**/*.ts', 'app/**/*.tsx'],
    // Tests may reach across layers to set up their cases.
    ignores: ['**/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['src/**/*', 'app/**/*'],
      'boundaries/elements': [
        { type: 'domain', pattern: 'src/domain/**' },
        { type: 'instruments', pattern: 'src/instruments/**' },
        { type: 'config', pattern: 'src/config/**' },
        { type: 'db', pattern: 'src/db/**' },
        { type: 'services', pattern: 'src/services/**' },
        { type: 'web', pattern: 'src/web/**' },
        { type: 'cli', pattern: 'src/cli/**' },
        { type: 'app', pattern: 'app/**' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...Object.entries(LAYERS).map(([from, allowed]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: allowed } } } },
            })),
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no Node built-ins, no ORM, no framework, no I/O.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'],
              message: 'The domain does no I/O.',
            },
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'],
              message: 'The domain knows no database.',
            },
            {
              group: ['react', 'react-*', '@react-router/*', 'pino', 'zod'],
              message: 'The domain uses no framework.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'require'],
    },
  },
);
