#!/usr/bin/env node
// The long fuzz run of issue 8: `npm run fuzz -- --runs 1000000 [--seed N] [--workers N] [--minutes M]`.
// Splits the runs over N workers (default: 1; seeds N, N+1, …), each a test/fuzz/run.ts process,
// deterministic by its seed. A failing worker prints its seed, the replay path and the shrunk
// counterexample; `--seed S --path P` replays one case (one worker). Ends with the summed figures.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const get = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(get('runs', '10000'));
const seed = Number(get('seed', String(Date.now() % 2 ** 31)));
const path = get('path');
const minutes = get('minutes');
const workers = path ? 1 : Math.max(1, Number(get('workers', '1')));

console.log(`fuzz: ${runs} cases, seed ${seed}, ${workers} worker(s)${minutes ? `, at most ${minutes} min` : ''}`);
const started = Date.now();
const results = await Promise.all(Array.from({ length: workers }, (_, w) => new Promise((done) => {
	const share = Math.floor(runs / workers) + (w < runs % workers ? 1 : 0);
	const wargs = ['--import', 'tsx', resolve(root, 'test/fuzz/run.ts'), '--runs', String(share), '--seed', String(seed + w)];
	if (path) wargs.push('--path', path);
	if (minutes) wargs.push('--minutes', minutes);
	const child = spawn(process.execPath, wargs, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	child.stdout.on('data', (d) => {
		out += d;
		process.stdout.write(d);
	});
	child.on('exit', (code) => {
		const last = out.trim().split('\n').pop() ?? '';
		let figures = {};
		try {
			figures = JSON.parse(last);
		} catch {
			// a worker that crashed prints no figures
		}
		done({ code, figures });
	});
})));
const sum = (k) => results.reduce((s, r) => s + (r.figures[k] ?? 0), 0);
const failed = results.some((r) => r.code !== 0);
console.log(`fuzz ${failed ? 'FAILED' : 'passed'}: ${sum('runs')} cases (${sum('service')} with every LSP answer, ${sum('incremental')} with incremental edits, ${sum('edits')} with proposed edits: ${sum('proposed')} edits checked), ${(sum('chars') / 1e6).toFixed(1)} M characters, ${((Date.now() - started) / 1000).toFixed(0)} s, seeds ${seed}..${seed + workers - 1}`);
process.exit(failed ? 1 : 0);
