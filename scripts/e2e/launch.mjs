#!/usr/bin/env node
// A stand-in for the `code` executable that runs extension tests in a real VS Code extension host
// without a desktop VS Code: code-server (the VS Code server, installed on first use) on 127.0.0.1
// with fresh temporary state, and its web workbench in headless Chromium. It takes VS Code's own CLI
// flags, so @vscode/test-electron's runTests({ vscodeExecutablePath: <this file> }) drives it:
//
//   scripts/e2e/launch.mjs [FOLDER | X.code-workspace] --extensionDevelopmentPath=DIR --extensionTestsPath=MODULE
//
// The workbench loads the extension(s) under development into code-server's Node extension host,
// which require()s MODULE and awaits its run(); mocha's report is streamed here. Exit code:
//   0 tests passed · 1 a test failed, run() threw or the extension host failed
//   2 infrastructure (code-server, browser, page crash) · 3 timeout · 130/143 SIGINT/SIGTERM
// Every process started here (code-server with its extension host, watcher and ptys; Chromium)
// is stopped on each of those outcomes, and also if the process that started this one goes away.
//
// Environment: E2E_TIMEOUT_MS (default 180000) · E2E_KEEP=1 keeps the temp folder (it is kept anyway
// when the run fails) · E2E_VERBOSE=1 echoes code-server's output and every workbench log line ·
// CHROME_PATH the browser · CODE_SERVER_DIR the code-server install · E2E_RESULT_FILE where the test
// module writes its summary (default: in the temp folder). Other VS Code flags are accepted and ignored.
// The extension host inherits this environment (through code-server).
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { makeState, openWorkbench, remoteUri, startCodeServer } from './code-server.mjs';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (...a) => console.log(`[editor ${elapsed()}]`, ...a);

// ---- VS Code CLI arguments ------------------------------------------------------------------
const devPaths = [];
let testsPath;
let folder;
const ignored = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
	const m = /^--(extensionDevelopmentPath|extensionTestsPath)(?:=(.*))?$/.exec(argv[i]);
	if (m) {
		const value = resolve(m[2] ?? argv[++i]);
		if (m[1] === 'extensionTestsPath') testsPath = value;
		else devPaths.push(value);
	} else if (argv[i].startsWith('-')) {
		ignored.push(argv[i]);
	} else {
		folder = resolve(argv[i]);
	}
}
if (!devPaths.length || !testsPath || !folder) {
	console.error('usage: launch.mjs FOLDER --extensionDevelopmentPath=DIR --extensionTestsPath=MODULE');
	process.exit(2);
}

// ---- state, logs, the one way out ------------------------------------------------------------
const state = makeState();
const resultFile = process.env.E2E_RESULT_FILE ?? join(state.dir, 'result.json');
rmSync(resultFile, { force: true });
const serverLog = createWriteStream(join(state.logs, 'code-server.log'));
const workbenchLog = createWriteStream(join(state.logs, 'workbench.log'));
if (ignored.length) workbenchLog.write(`ignored flags: ${ignored.join(' ')}\n`);
const verbose = process.env.E2E_VERBOSE === '1';

let server;
let browser;
let finishing = false;
async function finish(code, why) {
	if (finishing) return;
	finishing = true;
	say(`${why} -> exit ${code}`);
	const t = Date.now();
	try {
		await browser?.close();
	} catch {
		// already gone
	}
	const tb = Date.now() - t;
	await server?.stop();
	if (verbose) say(`browser closed in ${tb} ms, code-server stopped in ${Date.now() - t - tb} ms`);
	await Promise.all([serverLog, workbenchLog].map((s) => new Promise((r) => s.end(r))));
	if (code === 0 && process.env.E2E_KEEP !== '1') rmSync(state.dir, { recursive: true, force: true });
	else say(`logs kept in ${state.dir} (extension host: user-data/logs/*/exthost1/remoteexthost.log; workbench: logs/)`);
	process.exit(code);
}
process.on('SIGINT', () => finish(130, 'SIGINT'));
process.on('SIGTERM', () => finish(143, 'SIGTERM'));
process.on('SIGHUP', () => finish(129, 'SIGHUP'));
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 180_000);
setTimeout(() => finish(3, `timeout after ${timeoutMs / 1000} s`), timeoutMs).unref();
// If our parent dies (a killed runner), we are re-parented: stop rather than run on alone.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && finish(129, 'the parent process went away'), 1000).unref();

// Workbench log lines that are not part of the test report.
const NOISE = /^(?:Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|Error while fetching the extension under development|Creation of workbench contribution|\[[A-Za-z][\w:. -]*\] )/;

try {
	server = await startCodeServer({
		state,
		env: { E2E_RESULT_FILE: resultFile },
		onOutput: (s) => {
			serverLog.write(s);
			if (verbose) process.stdout.write(`[code-server] ${s}`);
		},
	});
	server.exited.then((how) => finish(2, `code-server exited (${how})`));
	say(`code-server at ${server.origin}`);

	let testsDone = false;
	let resolveExit;
	const hostExit = new Promise((r) => (resolveExit = r));
	({ browser } = await openWorkbench({
		origin: server.origin,
		folder,
		state,
		developmentOptions: {
			extensions: devPaths.map((p) => remoteUri(server.origin, p)),
			extensionTestsPath: remoteUri(server.origin, testsPath),
		},
		onConsole: (line) => workbenchLog.write(`${line}\n`),
		// The web workbench calls these when they exist (its automation hooks): every log line,
		// including the extension host's console (mocha's reporter), then the exit code once run() settled.
		beforeLoad: async (page) => {
			page.on('crash', () => finish(2, 'the browser page crashed'));
			await page.exposeFunction('codeAutomationLog', (type, args) => {
				const text = format(...(args ?? []));
				workbenchLog.write(`[${type}] ${text}\n`);
				if (verbose || (!testsDone && !NOISE.test(text))) process.stdout.write(`${text}\n`);
			});
			await page.exposeFunction('codeAutomationExit', (code, logs) => {
				testsDone = true;
				for (const l of logs ?? []) {
					try {
						const out = join(state.logs, 'workbench', l.relativePath);
						mkdirSync(dirname(out), { recursive: true });
						writeFileSync(out, Buffer.from(Object.values(l.contents ?? {})));
					} catch {
						// logs are a courtesy
					}
				}
				resolveExit(code);
			});
		},
	}));
	say('workbench open; the extension host runs the tests');
	const code = await hostExit;
	let summary;
	try {
		summary = JSON.parse(readFileSync(resultFile, 'utf8'));
	} catch {
		// a runner that writes no summary: the exit code alone decides
	}
	if (summary) say(`${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending (mocha ${summary.durationMs} ms)`);
	const failed = code !== 0 || (summary && (summary.failed > 0 || summary.passed + summary.failed === 0));
	await finish(failed ? 1 : 0, `extension host exit code ${code}`);
} catch (e) {
	if (finishing) await new Promise(() => {}); // a signal or timeout is already ending the run
	say(`error: ${e?.stack ?? e}`);
	await finish(2, 'infrastructure error');
}
