#!/usr/bin/env node
// Runs every test suite in turn and ends with one line "N passed, N failed" summed over all of them.
//
//   node scripts/test.mjs [--only NAME[,NAME…]] [--skip NAME[,NAME…]]
//
// A suite reports its counts in one of three ways:
//   'file'     it writes {passed, failed, skipped} JSON to $TEST_COUNTS_FILE (our mocha reporter does)
//   'lastline' its last line reads "N passed, N failed" (the shared acceptance runner)
//   'exit'     one check: passed when it exits 0
// A suite that exits non-zero always counts at least one failure, whatever it printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BROWSER_INSTALL_HINT, findBrowser } from './e2e/code-server.mjs';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '..', 'shared');
const args = process.argv.slice(2);
const pick = (flag) => {
	const i = args.indexOf(flag);
	return i >= 0 && args[i + 1] ? args[i + 1].split(',') : null;
};
const only = pick('--only');
const skip = pick('--skip') ?? [];

const mocha = (config) => ({ cmd: process.execPath, args: ['node_modules/mocha/bin/mocha.js', '--config', config], counts: 'file' });

/** @type {{ name: string, cmd: string, args: string[], counts: 'file'|'lastline'|'exit', when?: () => string|null }[]} */
const suites = [
	{ name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'], counts: 'exit' },
	{ name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'], counts: 'exit' },
	{ name: 'unit', ...mocha('test/.mocharc.unit.json') },
	{ name: 'protocol', ...mocha('test/.mocharc.protocol.json') },
	{ name: 'cli', ...mocha('test/.mocharc.cli.json') },
	{ name: 'grammar', cmd: process.execPath, args: ['scripts/test-grammar.mjs'], counts: 'file' },
	{
		name: 'acceptance',
		cmd: process.execPath,
		args: [join(shared, 'acceptance', 'run.mjs')],
		counts: 'lastline',
		when: () => (existsSync(join(shared, 'acceptance', 'run.mjs')) ? null : `no ${join(shared, 'acceptance')} beside the project`),
	},
	{
		// In a real VS Code extension host (code-server + headless Chromium; code-server installs on first use).
		// EDITOR_TESTS=required (CI) runs it even without a browser, so that a missing one fails.
		name: 'editor',
		cmd: process.execPath,
		args: ['scripts/e2e/run.mjs'],
		counts: 'file',
		when: () => (process.env.VSCODE_EXECUTABLE || findBrowser() || process.env.EDITOR_TESTS === 'required' ? null : `no browser; install one with: ${BROWSER_INSTALL_HINT}`),
	},
	{ name: 'bench-smoke', cmd: process.execPath, args: ['bench/run.mjs', '--quick'], counts: 'exit' },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
const work = mkdtempSync(join(tmpdir(), 'decl-test-'));
try {
	for (const suite of suites) {
		if ((only && !only.includes(suite.name)) || skip.includes(suite.name)) continue;
		const reason = suite.when?.();
		if (reason) {
			console.log(`\n== ${suite.name}: not run (${reason})`);
			summary.push(`${suite.name}: not run`);
			continue;
		}
		console.log(`\n== ${suite.name}`);
		const countsFile = join(work, `${suite.name}.json`);
		const started = Date.now();
		const res = spawnSync(suite.cmd, suite.args, {
			cwd: root,
			env: { ...process.env, TEST_COUNTS_FILE: countsFile, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
			stdio: suite.counts === 'lastline' ? ['ignore', 'pipe', 'inherit'] : 'inherit',
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		});
		if (suite.counts === 'lastline') process.stdout.write(res.stdout ?? '');
		let p = 0;
		let f = 0;
		let s = 0;
		if (suite.counts === 'file' && existsSync(countsFile)) {
			const c = JSON.parse(readFileSync(countsFile, 'utf8'));
			p = c.passed ?? 0;
			f = c.failed ?? 0;
			s = c.skipped ?? 0;
		} else if (suite.counts === 'lastline') {
			const m = /(?<!\d)(\d+) passed, (\d+) failed/.exec((res.stdout ?? '').trim().split('\n').pop() ?? '');
			if (m) {
				p = Number(m[1]);
				f = Number(m[2]);
			}
		} else if (res.status === 0) {
			p = 1;
		}
		if (res.status !== 0 && f === 0) f = 1;
		passed += p;
		failed += f;
		skipped += s;
		const secs = ((Date.now() - started) / 1000).toFixed(1);
		summary.push(`${suite.name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''} (${secs} s)`);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log('\n== summary');
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
