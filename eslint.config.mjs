// S3 Bucket Policy — MIT License.
// ESLint 9 flat config with typescript-eslint 8: typed linting for the TypeScript sources and tests,
// and the fence that keeps server/src/service pure (STYLE.md recommendation 1).
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The only packages the pure service may import; everything else, Node built-ins included, is fenced off. */
const SERVICE_IMPORT_MESSAGE = 'server/src/service is pure: import only jsonc-parser, yaml, picomatch, web-tree-sitter, vscode-languageserver-types, vscode-languageserver-textdocument and its own files. Put editor and file-system code in server/src/lsp or server/src/cli.';

export default defineConfig(
  {
    ignores: ['**/out/**', 'node_modules/**', 'tools/**', '.e2e/**', '**/*.vsix'],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'common/**/*.ts', 'test/**/*.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe() and it() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!(jsonc-parser|yaml|picomatch|web-tree-sitter|vscode-languageserver-types|vscode-languageserver-textdocument)$|\\.\\.?/)',
          message: SERVICE_IMPORT_MESSAGE,
        }],
      }],
    },
  },
);
