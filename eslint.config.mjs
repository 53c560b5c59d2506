// ESLint (flat config): typescript-eslint for all TypeScript, the regexp plugin against unsafe
// patterns, and the rule that keeps server/src/core pure (no vscode, no LSP connection, no Node built-ins).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
	{ ignores: ['**/out/**', 'node_modules/**', '.vscode-test/**', '.e2e/**', 'bench/out/**', '**/*.d.ts'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	regexp.configs['flat/recommended'],
	{
		languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', performance: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			'@typescript-eslint/no-require-imports': 'off',
			'regexp/no-super-linear-backtracking': 'error',
			'regexp/no-super-linear-move': 'warn',
			curly: ['error', 'multi-line'],
			eqeqeq: ['error', 'always', { null: 'ignore' }],
		},
	},
	{
		files: ['server/src/core/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', {
				paths: [
					...nodeBuiltins.map((name) => ({ name, message: 'The core is pure: no Node built-ins (file access goes through the IWorkspace interface).' })),
					{ name: 'vscode', message: 'The core never imports vscode.' },
					{ name: 'vscode-languageserver', message: 'The core never touches the LSP connection; use vscode-languageserver-types for data types.' },
					{ name: 'vscode-languageserver/node', message: 'The core never touches the LSP connection.' },
				],
			}],
		},
	},
);
