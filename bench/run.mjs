#!/usr/bin/env node
// The benchmark of issue 7: our language server against VS Code's Markdown language server on
// generated work of the same shape, side by side, A B A B.
//
//   npm run bench                    the full benchmark (a few minutes), prints the tables
//   npm run bench -- --write         … and regenerates bench/RESULTS.md
//   npm run bench -- --quick         small sizes, a few iterations: checks the harness (seconds)
//
// Options: --rounds N (2), --seed N (7), --docs 1000,10000,100000, --workspaces 100,1000,5000,
// --servers decl,md, --decl-server PATH (another build of our server), --no-build, --json FILE,
// --full-rounds (the Markdown server plays every round on the largest sizes too),
// --profile DIR (our server runs with --cpu-prof and writes one .cpuprofile per session into DIR).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDocument, writeWorkspace } from './generate.mjs';
import { DETAIL_COLUMNS, TARGET_COLUMNS, detailRows, machine, resultsMarkdown, table, targetRows } from './report.mjs';
import { documentScenarios, workspaceScenarios } from './scenarios.mjs';
import { declarationServer, markdownServer } from './servers.mjs';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, dflt) => {
	const i = argv.indexOf(name);
	return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const list = (name, dflt) => value(name, dflt).split(',').filter(Boolean).map(Number);

const quick = flag('--quick');
const write = flag('--write');
const seed = Number(value('--seed', '7'));
const rounds = Number(value('--rounds', '2'));
const docSizes = list('--docs', quick ? '300' : '1000,10000,100000');
const wsSizes = list('--workspaces', quick ? '20' : '100,1000,5000');
const wanted = value('--servers', 'decl,md').split(',');
const out = join(import.meta.dirname, 'out');
const opts = quick
	? { iterations: 3, budgetMs: 300, min: 1, indexTimeoutMs: 5000 }
	: { iterations: 40, budgetMs: 5000, min: 2, indexTimeoutMs: 180000 };
const sizeLabel = (n) => (n >= 1000 && n % 1000 === 0 && n < 5000 ? `${n / 1000}k` : n >= 10000 ? `${n / 1000}k` : String(n));

const started = new Date();
const loadBefore = loadavg();
const t0 = performance.now();
const notes = [];

// Our server: build it (quick mode only when there is no build yet).
const customServer = value('--decl-server', null);
const serverOut = customServer ? resolve(customServer) : join(root, 'server', 'out', 'server.js');
if (!customServer && !flag('--no-build') && existsSync(join(root, 'server', 'src', 'server.ts')) && (!quick || !existsSync(serverOut))) {
	const res = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8', timeout: 180000 });
	if (res.status !== 0) {
		const msg = `the build failed (${(res.stderr || res.stdout || '').trim().split('\n').slice(0, 3).join(' / ')}); using the existing server/out/server.js`;
		console.log(`bench: ${msg}`);
		notes.push(msg);
	}
}

const servers = [declarationServer(root, serverOut), markdownServer(root)].filter((s) => wanted.includes(s.id));
// --profile DIR: our server runs with --cpu-prof, one .cpuprofile per session (open them in Chrome DevTools or VS Code)
const profileDir = value('--profile', null);
if (profileDir) {
	mkdirSync(resolve(profileDir), { recursive: true });
	servers[0].nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`];
}
const active = [];
for (const s of servers) {
	const missing = s.available();
	if (missing) {
		console.log(`bench: ${s.title} not run: ${missing}`);
		notes.push(`${s.title} not run: ${missing}.`);
	} else {
		active.push(s);
	}
}
if (!active.length) {
	console.log('bench: no server to run');
	process.exit(1);
}

/** results[scenario][server] = { status, samples, … } merged over the rounds */
const results = {};
const record = (id) => (key, outcome) => {
	const byServer = (results[key] ??= {});
	const prev = byServer[id];
	if (!prev) {
		byServer[id] = { ...outcome, samples: [...(outcome.samples ?? [])] };
		return;
	}
	const status = prev.status === 'fail' || outcome.status === 'fail' ? 'fail' : prev.status === 'ok' || outcome.status === 'ok' ? 'ok' : 'na';
	byServer[id] = {
		...prev,
		status,
		reason: status === 'fail' ? (prev.status === 'fail' ? prev.reason : outcome.reason) : prev.reason ?? outcome.reason,
		samples: [...prev.samples, ...(outcome.samples ?? [])],
		first: prev.first != null && outcome.first != null ? Math.max(prev.first, outcome.first) : prev.first ?? outcome.first,
		cpuPerOpMs: prev.cpuPerOpMs != null && outcome.cpuPerOpMs != null ? (prev.cpuPerOpMs + outcome.cpuPerOpMs) / 2 : prev.cpuPerOpMs ?? outcome.cpuPerOpMs,
		cpuMs: prev.cpuMs != null && outcome.cpuMs != null ? Math.max(prev.cpuMs, outcome.cpuMs) : prev.cpuMs ?? outcome.cpuMs,
		clientPerOpMs: prev.clientPerOpMs != null && outcome.clientPerOpMs != null ? (prev.clientPerOpMs + outcome.clientPerOpMs) / 2 : prev.clientPerOpMs ?? outcome.clientPerOpMs,
		clientMs: prev.clientMs != null && outcome.clientMs != null ? Math.max(prev.clientMs, outcome.clientMs) : prev.clientMs ?? outcome.clientMs,
		meanCount: prev.meanCount ?? outcome.meanCount,
		unknownRequests: [...new Set([...(prev.unknownRequests ?? []), ...(outcome.unknownRequests ?? [])])],
	};
};

/**
 * The Markdown server takes minutes on the largest sizes (100k lines, 5,000 files): there it
 * plays one round (A B A), unless --full-rounds.
 */
const playsRound = (s, heavy, round) => !(heavy && s.id === 'md' && round > 0 && !flag('--full-rounds'));

const log = (msg) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

// Single documents of each size, then workspaces, each played A B A B.
const docs = {};
for (const size of docSizes) {
	const doc = writeDocument(join(out, `doc-${size}`), { lines: size, seed: seed + size });
	docs[size] = doc;
	log(`document of ${doc.lines.decl} lines (${doc.lines.md} in Markdown, ${(doc.texts.decl.length / 1e6).toFixed(1)} MB)`);
	for (let r = 0; r < rounds; r++) {
		for (const s of active) {
			if (!playsRound(s, size >= 50000, r)) continue;
			log(`  ${s.title}, round ${r + 1}`);
			const heavy = size >= 50000;
			await documentScenarios(s, doc, sizeLabel(size), { ...opts, heavy, min: heavy && s.id === 'md' ? 1 : opts.min }, record(s.id));
		}
	}
}
for (const size of wsSizes) {
	const ws = writeWorkspace(join(out, `ws-${size}`), { files: size, seed: seed + size });
	log(`workspace of ${ws.files} files (${ws.totalLines.toLocaleString('en-US')} lines, ${(ws.bytes / 1e6).toFixed(1)} MB of declarations)`);
	for (let r = 0; r < rounds; r++) {
		for (const s of active) {
			if (!playsRound(s, size >= 5000, r)) continue;
			log(`  ${s.title}, round ${r + 1}`);
			const heavy = size >= 5000;
			await workspaceScenarios(s, ws, String(size), { ...opts, heavy, min: heavy && s.id === 'md' ? 1 : opts.min }, record(s.id));
		}
	}
}

// The core alone, in process, on the largest document.
const largest = Math.max(...docSizes);
if (Number.isFinite(largest)) {
	const doc = docs[largest];
	log(`core: parse of ${doc.lines.decl} lines against the floor`);
	const res = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'core.mjs'), doc.paths.decl, doc.paths.md, quick ? '3' : '9'], { cwd: root, encoding: 'utf8', timeout: 300000, maxBuffer: 16 * 1024 * 1024 });
	const key = `core@${sizeLabel(largest)}`;
	let core;
	try {
		core = JSON.parse(res.stdout.trim().split('\n').pop());
	} catch {
		core = null;
	}
	if (res.status !== 0 || !core) {
		results[key] = { decl: { status: 'fail', reason: `bench/core.mjs exited ${res.status}: ${(res.stderr || '').trim().split('\n').slice(-3).join(' / ')}`, samples: [] } };
	} else {
		const floor = core.floor.median;
		results[key] = {
			decl: core.skipped ? { status: 'na', reason: `not implemented (${core.skipped})`, samples: [] } : { status: 'ok', value: core.parse.median, ratio: core.parse.median / floor, samples: core.parse.samples },
			md: { status: 'ok', value: core.markdownIt.median, ratio: core.markdownIt.median / floor, samples: core.markdownIt.samples },
		};
		notes.push(`Core (${core.lines.toLocaleString('en-US')} lines, median of ${core.floor.samples.length} runs after 2 warm-ups, in one process): floor (split + one regular expression test per line) ${floor.toFixed(2)} ms; parseDocument ${core.parse ? `${core.parse.median.toFixed(1)} ms` : 'not run'}; markdown-it on the Markdown rendering ${core.markdownIt.median.toFixed(1)} ms.`);
	}
}

const seconds = (performance.now() - t0) / 1000;
const loadAfter = loadavg();
notes.push(`Machine load (1-minute load average) at the start ${loadBefore[0].toFixed(1)}, at the end ${loadAfter[0].toFixed(1)}, on ${machine().cores} cores: other work on the machine slows both servers alike, not their ratio.`);
const unknown = new Set(Object.values(results).flatMap((b) => Object.values(b).flatMap((o) => o.unknownRequests ?? [])));
notes.push(
	'Latency: from sending the first message (didChange, or the request) to the parsed answer, in the benchmark process. For the Markdown server it includes the markdown-it parse that its client performs on request (`markdown/parse`, as VS Code\'s extension host does, with the same single-entry token cache) and the transfer of the tokens.',
	'Keystroke → outline: typing or deleting one character in a paragraph in the middle of the document, then `textDocument/documentSymbol`, back to back (no pause between keystrokes). The outline is also checked to be fresh: a heading renamed by an edit must show its new name in the next outline.',
	'Keystroke → diagnostics: ours pushes `textDocument/publishDiagnostics`: time from the didChange to the publication for that version (debouncing included). The Markdown server offers pull diagnostics only (with `markdown.validate.enabled` turned on; VS Code\'s default is off): time of didChange + `textDocument/diagnostic`. `open-diagnostics`: didOpen to the first publication (ours) or the first pull (Markdown).',
	'Hover: ours on a term use (an acronym); the Markdown server hovers only image and video links, so its rendering has one image link on the typing line and the hover is measured there. Definition and references: on a wiki reference `[[#label]]` (ours) and on the equivalent `[text](#heading)` link (Markdown).',
	'Workspace: files of 30 to 300 lines (about 110 on average), a hundred per folder, plus a shared glossary every document uses. `index`: time from `initialized` until `workspace/symbol` finds the unique headings of the last and of a middle document (polled every 20 ms). Then a cycle of `workspace/symbol` queries (prefixes of heading names, some matching thousands of symbols), and `textDocument/references` on the first term of the glossary document (ours: `ACR: definition`; Markdown: the term\'s `###` heading, which every use links to).',
	'"client work/op": time the benchmark process spent answering the server\'s own requests (for the Markdown server: reading files and parsing with markdown-it; in VS Code that work is done by the extension host). It is inside the latency figures, not in the server\'s CPU.',
	'Peak RSS: `VmHWM` of the server process (spawned with node directly, no shell) at the end of the session; CPU: utime + stime of the server process from /proc. p95 is the nearest-rank percentile over both rounds; the first answer of a scenario is a warm-up (column "first"), kept as a sample when it took over a second.',
	'A scenario whose feature the server does not offer (no capability, MethodNotFound, or every answer empty) is n/a; an error, a timeout, or some answers empty and others not is a failure.',
	'The Markdown server plays one round only on the 100k-line document and the 5,000-file workspace (A B A), where one of its answers takes up to minutes; `--full-rounds` plays them all. It does not check the freshness of its outline at 100k lines (one more full outline).',
	`Sizes: documents of ${docSizes.join(', ')} lines; workspaces of ${wsSizes.join(', ')} files; ${rounds} rounds; seed ${seed}; up to ${opts.iterations} samples or ${opts.budgetMs / 1000} s per scenario and round.`,
);
if (unknown.size) notes.push(`Client requests the benchmark did not know (answered MethodNotFound): ${[...unknown].join(', ')}.`);

if (quick) console.log('\nbench: quick mode checks that the harness works, not the speed (no targets)\n');
else console.log(`\n${table(targetRows(results), TARGET_COLUMNS)}\n`);
console.log(table(detailRows(results), DETAIL_COLUMNS));
console.log(`\n${notes.filter((n) => !n.startsWith('Latency') && !n.startsWith('Keystroke') && !n.startsWith('Hover') && !n.startsWith('Workspace') && !n.startsWith('Peak') && !n.startsWith('A scenario')).join('\n')}`);
console.log(`bench: ${seconds.toFixed(1)} s`);

mkdirSync(out, { recursive: true });
writeFileSync(value('--json', join(out, 'results.json')), JSON.stringify({ machine: machine(), results, notes }, null, '\t'));
if (write) {
	// bench/analysis.md (hand-written: why targets are missed, from profiles) is carried into RESULTS.md
	const analysisPath = join(import.meta.dirname, 'analysis.md');
	const analysis = existsSync(analysisPath) ? readFileSync(analysisPath, 'utf8') : '';
	writeFileSync(join(import.meta.dirname, 'RESULTS.md'), resultsMarkdown({ results, machine: machine(), notes, started, seconds, argv, analysis }));
	console.log('bench: wrote bench/RESULTS.md');
}

const failures = Object.entries(results).flatMap(([key, b]) => Object.entries(b).filter(([, o]) => o.status === 'fail').map(([id, o]) => `${key} (${id}): ${o.reason}`));
if (failures.length) {
	console.log(`\nbench: ${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
	process.exit(1);
}
