// Lint rules, including the import boundaries between the steps of the flow (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: `src/${folder} may not import from ${f} (see docs/architecture.md)` })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web-dist', '**/*.js', '!eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  boundary('shared', ['contract', 'ingest', 'engine', 'analysis', 'repository', 'interfaces', 'demo']),
  boundary('contract', ['ingest', 'engine', 'analysis', 'repository', 'interfaces', 'demo']),
  boundary('engine', ['ingest', 'analysis', 'repository', 'interfaces', 'demo']),
  boundary('ingest', ['analysis', 'repository', 'interfaces', 'demo', 'duckdb', 'clickhouse']),
  boundary('analysis', ['ingest', 'repository', 'interfaces', 'demo', 'duckdb', 'clickhouse']),
  boundary('repository', ['ingest', 'interfaces', 'demo', 'duckdb', 'clickhouse']),
  boundary('demo', ['ingest', 'engine', 'analysis', 'repository', 'interfaces']),
  // the web UI runs in the browser: types and plain constants from the library only, nothing that touches the engine, files or the server
  boundary('interfaces/web', ['http', 'cli', 'exports', 'engine', 'ingest', 'workspace', 'duckdb', 'clickhouse', 'demo']),
  boundary('interfaces/http', ['cli', 'web', 'demo']),
  boundary('interfaces/exports', ['cli', 'http', 'web']),
);
