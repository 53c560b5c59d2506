// Every scope the TextMate grammar can produce is asserted (as a required scope) in some
// grammar test file under test/grammar/, so that no rule goes untested. The grammar tests
// themselves run in the `grammar` suite (scripts/test-grammar.mjs).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const grammarPath = join(root, 'syntaxes', 'declaration.tmLanguage.json');
const testDir = join(root, 'test', 'grammar');

/** All scope names the grammar assigns: `name`, `contentName` and capture names, anywhere in it. */
function grammarScopes(node: unknown, into = new Set<string>()): Set<string> {
	if (Array.isArray(node)) {
		for (const item of node) grammarScopes(item, into);
	} else if (node !== null && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if ((key === 'name' || key === 'contentName') && typeof value === 'string') {
				for (const scope of value.split(/\s+/)) if (scope) into.add(scope);
			} else {
				grammarScopes(value, into);
			}
		}
	}
	return into;
}

/** The required scopes of every assertion line (`<!-- ^^^ a b - c` requires a and b). */
function assertedScopes(): Set<string> {
	const asserted = new Set<string>();
	for (const file of readdirSync(testDir).filter((f) => f.endsWith('.test.decl'))) {
		const lines = readFileSync(join(testDir, file), 'utf8').split(/\r?\n/);
		for (const line of lines.slice(1)) {
			const m = /^<!--\s*(?:\^+|<~*-+)\s+(\S.*)$/.exec(line);
			if (!m) continue;
			const required = m[1].startsWith('- ') ? '' : m[1].split(' - ')[0];
			for (const scope of required.split(/\s+/)) if (scope) asserted.add(scope);
		}
	}
	return asserted;
}

describe('grammar scope coverage', () => {
	const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string; repository: Record<string, unknown>; patterns: unknown[] };

	it('has grammar test files with the declaration header', () => {
		const files = readdirSync(testDir).filter((f) => f.endsWith('.test.decl'));
		assert.ok(files.length > 0, 'no test/grammar/*.test.decl files');
		for (const file of files) {
			const header = readFileSync(join(testDir, file), 'utf8').split(/\r?\n/, 1)[0];
			assert.match(header, /^<!-- SYNTAX TEST "text\.declaration"/, file);
		}
	});

	it('asserts every scope the grammar defines in some grammar test', () => {
		const defined = grammarScopes({ patterns: grammar.patterns, repository: grammar.repository });
		const asserted = assertedScopes();
		const missing = [...defined].filter((s) => !asserted.has(s)).sort();
		assert.deepEqual(missing, [], `scopes without a grammar test assertion:\n  ${missing.join('\n  ')}`);
	});

	it('ends every scope with the language suffix', () => {
		const defined = grammarScopes({ patterns: grammar.patterns, repository: grammar.repository });
		const bad = [...defined].filter((s) => !s.endsWith('.declaration')).sort();
		assert.deepEqual(bad, []);
	});

	it('includes only repository rules that exist, and uses every one', () => {
		const includes = new Set<string>();
		const walk = (node: unknown): void => {
			if (Array.isArray(node)) node.forEach(walk);
			else if (node !== null && typeof node === 'object') {
				for (const [k, v] of Object.entries(node)) {
					if (k === 'include' && typeof v === 'string' && v.startsWith('#')) includes.add(v.slice(1));
					else walk(v);
				}
			}
		};
		walk({ patterns: grammar.patterns, repository: grammar.repository });
		const names = Object.keys(grammar.repository);
		assert.deepEqual([...includes].filter((i) => !names.includes(i)), [], 'includes of missing rules');
		assert.deepEqual(names.filter((n) => !includes.has(n)), [], 'repository rules never included');
	});
});
