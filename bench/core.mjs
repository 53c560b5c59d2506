#!/usr/bin/env node
// The core alone, in process: `parseDocument` of the declaration text against the floor (a bare
// `text.split('\n')` plus one regular expression test per line), and markdown-it on the Markdown
// rendering of the same content for comparison. Run with tsx so the TypeScript core imports:
//
//   node --import tsx bench/core.mjs DECL_FILE MD_FILE RUNS
//
// Prints one line of JSON: { floor, parse, markdownIt } (medians, ms) or { skipped: reason }.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';

const [declFile, mdFile, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 7);
const declText = readFileSync(declFile, 'utf8');
const mdText = readFileSync(mdFile, 'utf8');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
	fn();
	fn();
	const samples = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		fn();
		samples.push(performance.now() - started);
	}
	return { median: median(samples), min: Math.min(...samples), samples };
};

// The floor: split into lines and one regular expression test per line (a list marker or a heading).
const marker = /^\s*(?:[•◦▪‣*+–—-]|\(?(?:\d+|[a-z]|[ivx]+)[.)]|#{1,6})\s/i;
let sink = 0;
const floor = time(() => {
	const lines = declText.split('\n');
	let n = 0;
	for (const line of lines) if (marker.test(line)) n++;
	sink += n;
});
const md = new MarkdownIt({ html: true });
const markdownIt = time(() => {
	sink += md.parse(mdText, {}).length;
});

const parsePath = join(import.meta.dirname, '..', 'server', 'src', 'core', 'parser', 'parse.ts');
const out = { lines: declText.split('\n').length, floor, markdownIt };
if (!existsSync(parsePath)) {
	out.skipped = `${parsePath} does not exist yet`;
} else {
	const mod = await import(pathToFileURL(parsePath).href);
	if (typeof mod.parseDocument !== 'function') {
		out.skipped = 'server/src/core/parser/parse.ts exports no parseDocument';
	} else {
		let version = 1;
		out.parse = time(() => {
			const doc = mod.parseDocument('file:///bench/declaration.decl', version++, declText);
			sink += doc ? 1 : 0;
		});
	}
}
out.sink = sink;
console.log(JSON.stringify(out));
