#!/usr/bin/env node
// Runs the TextMate grammar tests (test/grammar/**/*.test.decl) with vscode-tmgrammar-test's
// engine, one test per file, and writes {passed, failed} to $TEST_COUNTS_FILE for scripts/test.mjs.
//
//   node scripts/test-grammar.mjs [--compact] [FILE…]
//
// The header of a test file is `<!-- SYNTAX TEST "text.declaration" "description"` (no closing
// `-->`: the tool's header must end with the description); assertion lines start with `<!--`.
// VS Code supplies source.yaml (embedded in front matter) from its YAML extension; here an empty
// stand-in is registered, so the grammar's own fallback scopes for front matter are what is tested.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { createRegistryFromGrammars } = require('vscode-tmgrammar-test/dist/common/index.js');
const { parseGrammarTestCase, runGrammarTestCase } = require('vscode-tmgrammar-test/dist/unit/index.js');
const { ConsoleFullReporter, ConsoleCompactReporter } = require('vscode-tmgrammar-test/dist/unit/reporter.js');

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const compact = args.includes('--compact');
const explicit = args.filter((a) => !a.startsWith('--'));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const grammars = (pkg.contributes?.grammars ?? []).map((g) => {
	const path = join(root, g.path);
	return { grammar: { ...g, path }, content: readFileSync(path, 'utf8') };
});
grammars.push({
	grammar: { scopeName: 'source.yaml', path: 'yaml-stand-in.json' },
	content: JSON.stringify({ scopeName: 'source.yaml', patterns: [] }),
});
const registry = createRegistryFromGrammars(grammars);

const files = explicit.length > 0
	? explicit.map((f) => resolve(f))
	: readdirSync(join(root, 'test', 'grammar'), { recursive: true })
		.map(String)
		.filter((f) => f.endsWith('.test.decl'))
		.sort()
		.map((f) => join(root, 'test', 'grammar', f));

/**
 * vscode-tmgrammar-test's assertion regex backtracks catastrophically on an assertion line with
 * two ` - ` separators (it takes one: `^^ a b - c d`), hanging the run; reject those up front.
 */
function checkAssertionLines(text) {
	text.split(/\r?\n/).forEach((line, i) => {
		if (!/^<!--\s*(?:\^|<~*-)/.test(line)) return;
		const dashes = line.replace(/^<!--\s*(?:[\^\s]+|<~*-+)/, ' ').match(/(?:^|\s)-(?=\s|$)/g) ?? [];
		if (dashes.length > 1) throw new Error(`line ${i + 1}: use one ' - ' before all the excluded scopes:\n${line}`);
	});
}

const reporter = compact ? new ConsoleCompactReporter() : new ConsoleFullReporter();
let passed = 0;
let failed = 0;
if (files.length === 0) {
	console.error('no grammar test files found under test/grammar/');
	failed++;
}
for (const file of files) {
	const name = relative(root, file);
	let testCase;
	try {
		const text = readFileSync(file, 'utf8');
		checkAssertionLines(text);
		testCase = parseGrammarTestCase(text);
	} catch (error) {
		reporter.reportParseError(name, error);
		failed++;
		continue;
	}
	try {
		const failures = await runGrammarTestCase(registry, testCase);
		reporter.reportTestResult(name, testCase, failures);
		if (failures.length === 0) passed++;
		else failed++;
	} catch (error) {
		reporter.reportGrammarTestError(name, testCase, error);
		failed++;
	}
}
// Speed: the grammar must tokenize long and adversarial lines in linear time. Each line is
// tokenized at two lengths, n and 4n: a linear pattern takes about 4 times as long on the longer
// one, a pattern that backtracks quadratically about 16 times. Ratios, not absolute times, so
// that a busy machine does not fail the check.
{
	const grammar = await registry.loadGrammar('text.declaration');
	const seed = readFileSync(join(root, 'examples', 'joint-actions-2021.decl'), 'utf8');
	/** @type {[string, (n: number) => string][]} */
	const adversarial = [
		['spaces', (n) => ' '.repeat(n) + 'x'],
		['reference list', (n) => 'axes ' + '1, '.repeat(n / 3) + 'x'],
		['section signs', (n) => '§§ ' + '1-'.repeat(n / 2)],
		['open parenthesis', (n) => '(' + 'A'.repeat(n)],
		['long term', (n) => 'Term ' + 'Word '.repeat(n / 5) + ':'],
		['aliases', (n) => 'A | '.repeat(n / 4) + ': x'],
		['bullet term', (n) => '- ' + 'AB | '.repeat(n / 5) + 'x'],
		['wiki', (n) => '[[' + 'a#'.repeat(n / 2)],
		['url', (n) => 'https://' + '.'.repeat(n)],
		['digits', (n) => '1'.repeat(n) + '.'],
		['quote', (n) => '"' + 'x'.repeat(n)],
		['keyword', (n) => 'Article ' + 'I'.repeat(n) + ' x'],
		['capitals', (n) => 'ABC'.repeat(n / 3) + 'd'],
		['slashes', (n) => '12/'.repeat(n / 3)],
		['dashes', (n) => 'A-'.repeat(n / 2)],
		['comment', (n) => '<!-- ' + '-'.repeat(n)],
	];
	const time = (line) => {
		let best = Infinity;
		for (let i = 0; i < 3; i++) {
			const t0 = performance.now();
			grammar.tokenizeLine(line, null);
			best = Math.min(best, performance.now() - t0);
		}
		return best;
	};
	const started = performance.now();
	let stack = null;
	for (let round = 0; round < 5; round++) {
		for (const line of seed.split(/\r\n|\r|\n/)) stack = grammar.tokenizeLine(line, stack).ruleStack;
	}
	const slow = [];
	for (const [name, make] of adversarial) {
		const short = time(make(5000));
		const long = time(make(20000));
		// Oniguruma gives up a search after a fixed number of steps, which can hide quadratic growth:
		// a best-of-three time over half a second for 20k characters fails too.
		if ((long > 100 && long / Math.max(short, 1) > 10) || long > 500) slow.push(`${name}: ${short.toFixed(0)} ms for 5k, ${long.toFixed(0)} ms for 20k characters`);
	}
	const total = performance.now() - started;
	if (slow.length > 0) {
		console.log(`✗ grammar speed (super-linear): ${slow.join('; ')}`);
		failed++;
	} else {
		console.log(`✓ grammar speed: ${adversarial.length} adversarial lines grow linearly (${total.toFixed(0)} ms)`);
		passed++;
	}
}

console.log(`${passed} passed, ${failed} failed`);
if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify({ passed, failed }));
process.exit(failed > 0 ? 1 : 0);
