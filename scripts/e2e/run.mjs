#!/usr/bin/env node
// The editor tests (test/e2e/): mocha inside a real VS Code extension host, through
// @vscode/test-electron's runTests. `npm run test:e2e`, and the `editor` suite of `npm test`.
//
//   1. builds the extension (scripts/build.mjs) and the tests (test/e2e/*.ts -> test/e2e/out/);
//   2. makes a fixture workspace in a temp folder: examples/ plus test/e2e/fixtures/;
//   3. runs the tests in $VSCODE_EXECUTABLE (a desktop VS Code) when set; otherwise in code-server +
//      headless Chromium through scripts/e2e/launch.mjs (code-server is installed on first use);
//   4. writes {passed, failed, skipped} to $TEST_COUNTS_FILE when set; exits 0 when all passed, else 1.
//
// E2E_GREP=<text> runs only the matching tests;
// E2E_NO_BUILD=1 tests the extension as it is already built (client/out, server/out);
// see launch.mjs for E2E_TIMEOUT_MS, E2E_KEEP, E2E_VERBOSE, CHROME_PATH.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { BROWSER_INSTALL_HINT, ensureCodeServer, findBrowser, root } from './code-server.mjs';

const started = Date.now();
const testsDir = join(root, 'test', 'e2e');
// One output folder per run: runs in the same tree at the same time do not pull each other's files away.
const outRoot = join(testsDir, 'out');
const outDir = join(outRoot, `run-${process.pid}`);
const desktop = process.env.VSCODE_EXECUTABLE;
const work = mkdtempSync(join(tmpdir(), 'decl-e2e-'));
const resultFile = join(work, 'result.json');

function report(counts) {
	if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(counts));
}
function cleanUp() {
	rmSync(work, { recursive: true, force: true });
	rmSync(outDir, { recursive: true, force: true });
}
function fail(message) {
	console.error(`editor tests: ${message}`);
	report({ passed: 0, failed: 1 });
	cleanUp();
	process.exit(1);
}
process.on('SIGINT', () => {
	cleanUp();
	process.exit(130);
});
process.on('SIGTERM', () => {
	cleanUp();
	process.exit(143);
});

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

if (!desktop && !findBrowser()) fail(`no browser at ${process.env.CHROME_PATH ?? '/usr/bin/chromium'}; install one with: ${BROWSER_INSTALL_HINT} (or set CHROME_PATH)`);

// 1. Build.
if (process.env.E2E_NO_BUILD !== '1') {
	const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) fail('the extension does not build (node scripts/build.mjs)');
}
// Output of runs that were killed (their process is gone).
for (const dir of existsSync(outRoot) ? readdirSync(outRoot) : []) {
	const pid = Number(/^run-(\d+)$/.exec(dir)?.[1]);
	if (!pid || !isAlive(pid)) rmSync(join(outRoot, dir), { recursive: true, force: true });
}
try {
	await esbuild.build({
		entryPoints: readdirSync(testsDir).filter((f) => f.endsWith('.ts')).map((f) => join(testsDir, f)),
		outdir: outDir,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		sourcemap: 'inline',
		logLevel: 'warning',
	});
} catch {
	fail('the editor tests do not build (test/e2e/*.ts)');
}

// 2. The fixture workspace.
const workspace = join(work, 'workspace');
for (const from of [join(root, 'examples'), join(testsDir, 'fixtures')]) {
	if (existsSync(from)) cpSync(from, workspace, { recursive: true });
}

// 3. Run.
let code = 1;
try {
	if (!desktop) ensureCodeServer();
	code = await runTests({
		vscodeExecutablePath: desktop ?? join(root, 'scripts', 'e2e', 'launch.mjs'),
		extensionDevelopmentPath: root,
		extensionTestsPath: join(outDir, 'index.js'),
		launchArgs: [workspace, '--disable-extensions'],
		extensionTestsEnv: { E2E_RESULT_FILE: resultFile },
		// The launcher makes its own fresh state; a desktop VS Code gets profile folders under .vscode-test/.
		reuseMachineInstall: !desktop,
	});
} catch (e) {
	console.error(`editor tests: ${e?.message ?? e}`);
}

// 4. Counts.
let summary;
try {
	summary = JSON.parse(readFileSync(resultFile, 'utf8'));
} catch {
	// the extension host never got to the end of the tests
}
const counts = { passed: summary?.passed ?? 0, failed: summary?.failed ?? 0, skipped: summary?.pending ?? 0 };
if (code !== 0 && counts.failed === 0) counts.failed = 1;
report(counts);
cleanUp();
console.log(`editor tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} pending (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(counts.failed > 0 ? 1 : 0);
