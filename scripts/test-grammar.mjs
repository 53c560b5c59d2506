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
// Speed: the grammar must tokenize long and adversarial lines in linear time. A pattern that
// backtracks super-linearly takes seconds on these lines instead of milliseconds.
{
	const grammar = await registry.loadGrammar('text.declaration');
	const seed = readFileSync(join(root, 'examples', 'joint-actions-2021.decl'), 'utf8');
	const adversarial = [
		' '.repeat(20000) + 'x',
		'axes ' + '1, '.repeat(5000) + 'x',
		'§§ ' + '1-'.repeat(5000),
		'(' + 'A'.repeat(20000),
		'Term ' + 'Word '.repeat(4000) + ':',
		'A | '.repeat(5000) + ': x',
		'[[' + 'a#'.repeat(5000),
		'https://' + '.'.repeat(20000),
		'1'.repeat(20000) + '.',
		'"' + 'x'.repeat(20000),
		'Article ' + 'I'.repeat(20000) + ' x',
		'ABC'.repeat(7000) + 'd',
		'12/'.repeat(7000),
		'<!-- ' + '-'.repeat(20000),
	];
	const started = performance.now();
	let stack = null;
	for (let round = 0; round < 20; round++) {
		for (const line of seed.split(/\r\n|\r|\n/)) stack = grammar.tokenizeLine(line, stack).ruleStack;
	}
	const slow = [];
	for (const line of adversarial) {
		const t0 = performance.now();
		grammar.tokenizeLine(line, null);
		const ms = performance.now() - t0;
		if (ms > 250) slow.push(`${JSON.stringify(line.slice(0, 30))}… took ${ms.toFixed(0)} ms`);
	}
	const total = performance.now() - started;
	if (slow.length > 0 || total > 5000) {
		console.log(`✗ grammar speed: ${slow.join('; ') || `total ${total.toFixed(0)} ms`}`);
		failed++;
	} else {
		console.log(`✓ grammar speed: seed ×20 and ${adversarial.length} adversarial lines in ${total.toFixed(0)} ms`);
		passed++;
	}
}

console.log(`${passed} passed, ${failed} failed`);
if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify({ passed, failed }));
process.exit(failed > 0 ? 1 : 0);
